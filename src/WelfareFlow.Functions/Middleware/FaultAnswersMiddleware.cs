using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Middleware;
using WelfareFlow.Http.Rules;

namespace WelfareFlow.Functions.Middleware;

/// <summary>
/// An exception thrown in a [Function] never reaches the worker's ASP.NET Core middleware: the worker's
/// FunctionsHttpProxyingMiddleware (Worker.Extensions.Http.AspNetCore) completes the HTTP side normally and the
/// invocation fails, which the Functions host answers with a 500. Storage that is down is nobody's fault, so this
/// middleware, inside that one, turns what <see cref="FaultAnswers"/> recognises, and a durable engine that does not answer, into the invocation's result
/// (a 503 with Retry-After, or a 4xx); a defect still fails the invocation.
/// </summary>
public sealed class FaultAnswersMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        try
        {
            await next(context);
        }
        catch (Exception e) when (context.GetHttpContext() is { Response.HasStarted: false } http && Answer(http, e) is { } answer)
        {
            context.GetInvocationResult().Value = answer;
        }
    }

    /// <summary>The durable client is a gRPC client of the host's durable extension: when that fails (its storage is
    /// down), the call fails with an RpcException, answered as the Server's EngineUnavailableHandler answers it.</summary>
    public static IResult? Answer(HttpContext http, Exception e) => e switch
    {
        RpcException { StatusCode: StatusCode.Cancelled } when http.RequestAborted.IsCancellationRequested => null,
        RpcException => FaultAnswers.Unavailable(http),
        _ => FaultAnswers.For(http, e),
    };
}
