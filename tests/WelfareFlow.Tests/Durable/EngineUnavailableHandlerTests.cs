using Grpc.Core;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using WelfareFlow.Server.Durable;

namespace WelfareFlow.Tests.Durable;

public sealed class EngineUnavailableHandlerTests
{
    [Theory]
    [InlineData(StatusCode.Unavailable)]
    [InlineData(StatusCode.Internal)]
    [InlineData(StatusCode.Unknown)]
    public async Task TryHandle_EngineError_Answers503ProblemWithRetryAfter(StatusCode code)
    {
        var (handler, http) = Arrange();

        var handled = await handler.TryHandleAsync(http, new RpcException(new Status(code, "entries is null")), CancellationToken.None);

        Assert.True(handled);
        Assert.Equal(503, http.Response.StatusCode);
        Assert.Equal("5", http.Response.Headers.RetryAfter.ToString());
        http.Response.Body.Position = 0;
        var body = await new StreamReader(http.Response.Body).ReadToEndAsync();
        Assert.Contains("\"status\":503", body, StringComparison.Ordinal);
        Assert.DoesNotContain("entries is null", body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task TryHandle_OtherException_LeavesItToTheDefault()
    {
        var (handler, http) = Arrange();
        Assert.False(await handler.TryHandleAsync(http, new InvalidOperationException("x"), CancellationToken.None));
    }

    static (EngineUnavailableHandler Handler, HttpContext Http) Arrange()
    {
        var services = new ServiceCollection().AddLogging().AddProblemDetails().BuildServiceProvider();
        var http = new DefaultHttpContext { RequestServices = services };
        http.Response.Body = new MemoryStream();
        var handler = new EngineUnavailableHandler(services.GetRequiredService<Microsoft.AspNetCore.Http.IProblemDetailsService>(), NullLogger<EngineUnavailableHandler>.Instance);
        return (handler, http);
    }
}
