using System.Reflection;
using Microsoft.AspNetCore.Http;

namespace WelfareFlow.Functions.Tests;

/// <summary>
/// Issue 10, point 5, Functions host: an exception thrown in a [Function] fails the invocation, which the host answers
/// with a 500, unless the worker middleware answers it. The built app's middleware, loaded from its output folder.
/// </summary>
public sealed class FaultAnswersMiddlewareTests
{
    static readonly string Output = RepositoryLayout.FunctionsOutput;

    [Fact]
    public void Answer_EngineOrStorageUnavailable_503WithRetryAfter_ADefectFailsTheInvocation()
    {
        var answer = Middleware().GetMethod("Answer", BindingFlags.Public | BindingFlags.Static)!;
        var grpc = Assembly.LoadFrom(Path.Combine(Output, "Grpc.Core.Api.dll"));
        var unavailable = Enum.Parse(grpc.GetType("Grpc.Core.StatusCode", throwOnError: true)!, "Unavailable");
        var status = Activator.CreateInstance(grpc.GetType("Grpc.Core.Status", throwOnError: true)!, unavailable, "the durable extension's storage is down")!;
        var rpc = (Exception)Activator.CreateInstance(grpc.GetType("Grpc.Core.RpcException", throwOnError: true)!, status)!;

        foreach (var fault in new[] { rpc, new TimeoutException(), new AggregateException(new HttpRequestException("refused"), new HttpRequestException("refused")) })
        {
            var http = new DefaultHttpContext();
            var result = Assert.IsAssignableFrom<IStatusCodeHttpResult>(answer.Invoke(null, [http, fault]));
            Assert.Equal(StatusCodes.Status503ServiceUnavailable, result.StatusCode);
            Assert.False(string.IsNullOrEmpty(http.Response.Headers.RetryAfter), fault.GetType().Name);
        }

        Assert.Null(answer.Invoke(null, [new DefaultHttpContext(), new InvalidOperationException("a defect")]));
    }

    [Fact]
    public void Program_UsesTheMiddleware_InsideTheHttpProxyingMiddleware()
    {
        Assert.Contains(Middleware().GetInterfaces(), i => i.FullName == "Microsoft.Azure.Functions.Worker.Middleware.IFunctionsWorkerMiddleware");
        var program = File.ReadAllText(RepositoryLayout.PathOf("src", "WelfareFlow.Functions", "Program.cs"));
        var proxy = program.IndexOf("ConfigureFunctionsWebApplication()", StringComparison.Ordinal);
        var faults = program.IndexOf("UseMiddleware<FaultAnswersMiddleware>()", StringComparison.Ordinal);
        // Worker middleware runs in registration order: registered after, it runs inside and has the HttpContext.
        Assert.True(proxy >= 0 && faults > proxy, "Program.cs must call UseMiddleware<FaultAnswersMiddleware>() after ConfigureFunctionsWebApplication().");
    }

    static Type Middleware() =>
        Assembly.LoadFrom(Path.Combine(Output, "WelfareFlow.Functions.dll")).GetType("WelfareFlow.Functions.Middleware.FaultAnswersMiddleware", throwOnError: true)!;
}
