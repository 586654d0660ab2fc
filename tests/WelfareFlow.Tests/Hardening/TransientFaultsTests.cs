using System.Net;
using System.Net.Sockets;
using Azure;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using WelfareFlow.Configuration;
using WelfareFlow.Http.Rules;
using WelfareFlow.Server.Azurite;
using WelfareFlow.Storage;

namespace WelfareFlow.Tests.Hardening;

/// <summary>Issue 10, point 5: storage faults answer 503 with Retry-After, and a failed creation of the tables is
/// tried again, so storage that comes up late is used without a restart.</summary>
public sealed class TransientFaultsTests
{
    [Theory]
    [InlineData(503, StatusCodes.Status503ServiceUnavailable)]
    [InlineData(500, StatusCodes.Status503ServiceUnavailable)]
    [InlineData(408, StatusCodes.Status503ServiceUnavailable)]
    [InlineData(0, StatusCodes.Status503ServiceUnavailable)]
    [InlineData(400, StatusCodes.Status400BadRequest)]
    public void For_StorageFailure_ClientOrTransientAnswer(int storageStatus, int expected)
    {
        var http = new DefaultHttpContext();
        var answer = FaultAnswers.For(http, new RequestFailedException(storageStatus, "storage said no"));

        Assert.Equal(expected, Assert.IsAssignableFrom<IStatusCodeHttpResult>(answer).StatusCode);
        Assert.Equal(expected == 503 ? FaultAnswers.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture) : "", http.Response.Headers.RetryAfter.ToString());
    }

    [Fact]
    public void For_TimeoutOrUnreadableBody_503Or400_AndADefectStaysA500()
    {
        Assert.Equal(503, Assert.IsAssignableFrom<IStatusCodeHttpResult>(FaultAnswers.For(new DefaultHttpContext(), new TimeoutException())).StatusCode);
        Assert.Equal(400, Assert.IsAssignableFrom<IStatusCodeHttpResult>(FaultAnswers.For(new DefaultHttpContext(), new BadHttpRequestException("bad"))).StatusCode);
        Assert.Null(FaultAnswers.For(new DefaultHttpContext(), new NullReferenceException()));
    }

    [Fact]
    public void For_RetriesExhausted_AllTransient503_AMixStaysA500()
    {
        // What the Azure SDK throws after its last retry against storage that refuses connections.
        static Exception Refused() => new RequestFailedException("Connection refused", new HttpRequestException("Connection refused"));
        var exhausted = new AggregateException("Retry failed after 4 tries.", Refused(), Refused(), Refused(), Refused());
        var http = new DefaultHttpContext();

        Assert.Equal(503, Assert.IsAssignableFrom<IStatusCodeHttpResult>(FaultAnswers.For(http, exhausted)).StatusCode);
        Assert.Equal(FaultAnswers.RetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture), http.Response.Headers.RetryAfter.ToString());
        Assert.Null(FaultAnswers.For(new DefaultHttpContext(), new AggregateException(Refused(), new InvalidOperationException("a defect"))));
    }

    [Fact]
    public async Task EnsureCreated_StorageDownThenUp_SucceedsWithoutRestart()
    {
        var folder = Path.Combine(Path.GetTempPath(), "welfareflow-late-azurite-" + Guid.NewGuid().ToString("N"));
        var (blob, queue, table) = (FreePort(), FreePort(), FreePort());
        var connection = "DefaultEndpointsProtocol=http;AccountName=devstoreaccount1;" +
            "AccountKey=Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==;" +
            $"BlobEndpoint=http://127.0.0.1:{blob}/devstoreaccount1;QueueEndpoint=http://127.0.0.1:{queue}/devstoreaccount1;TableEndpoint=http://127.0.0.1:{table}/devstoreaccount1;";
        var tables = new WelfareTables(StorageAccount.FromConnectionString(connection), Options.Create(new WelfareFlowOptions { TaskHub = "late" }));

        await Assert.ThrowsAnyAsync<Exception>(() => tables.EnsureCreatedAsync());

        await using var azurite = await AzuriteProcess.StartAsync(
            new AzuriteOptions { DataFolder = folder, BlobPort = blob, QueuePort = queue, TablePort = table, InMemory = true }, NullLogger.Instance, CancellationToken.None);
        await tables.EnsureCreatedAsync();
        Assert.True(await tables.IsReachableAsync(CancellationToken.None));
        try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
    }

    static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
