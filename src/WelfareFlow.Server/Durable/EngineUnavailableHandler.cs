using Grpc.Core;
using Microsoft.AspNetCore.Diagnostics;

namespace WelfareFlow.Server.Durable;

/// <summary>
/// When the in-process engine cannot answer (starting, restarting, or the sidecar briefly failing a query right
/// after a restart), a request that needed it gets 503 with Retry-After, not a 500: the client did nothing wrong
/// and a retry in a few seconds succeeds.
/// </summary>
public sealed class EngineUnavailableHandler(IProblemDetailsService problems, ILogger<EngineUnavailableHandler> logger) : IExceptionHandler
{
    public async ValueTask<bool> TryHandleAsync(HttpContext httpContext, Exception exception, CancellationToken cancellationToken)
    {
        if (exception is not RpcException rpc || rpc.StatusCode is StatusCode.Cancelled && httpContext.RequestAborted.IsCancellationRequested)
        {
            return false;
        }

        logger.LogWarning("The durable engine did not answer ({StatusCode}); answering 503", rpc.StatusCode);
        httpContext.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        httpContext.Response.Headers.RetryAfter = "5";
        return await problems.TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = httpContext,
            Exception = exception,
            ProblemDetails = { Status = StatusCodes.Status503ServiceUnavailable, Title = "Service unavailable", Detail = "The workflow engine is not ready; retry in a few seconds." },
        });
    }
}
