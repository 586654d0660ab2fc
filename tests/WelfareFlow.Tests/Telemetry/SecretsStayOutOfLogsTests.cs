using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using OpenTelemetry;
using OpenTelemetry.Trace;
using WelfareFlow.Server;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Telemetry;

/// <summary>
/// A whole small round with every log message (formatted text, structured values, scopes, exceptions) and every
/// exported span captured: none may contain the operator key, the signing key or any link token from the emails,
/// even though link pages and ASP.NET Core's request logs put the token in the request path.
/// </summary>
[Collection("azurite")]
public sealed class SecretsStayOutOfLogsTests(AzuriteFixture azurite)
{
    const string OperatorKey = "operator-key-that-must-not-be-logged";

    [Fact]
    public async Task SmallRound_LogsAndTraces_ContainNoKeyOrToken()
    {
        var logs = new CapturingLoggerProvider();
        var measured = new ConcurrentDictionary<string, double>();
        using var meters = new System.Diagnostics.Metrics.MeterListener();
        meters.InstrumentPublished = (instrument, listener) =>
        {
            if (instrument.Meter.Name == WelfareFlow.Telemetry.WelfareTelemetry.Name) listener.EnableMeasurementEvents(instrument);
        };
        meters.SetMeasurementEventCallback<long>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, value, (_, sum) => sum + value));
        meters.SetMeasurementEventCallback<double>((instrument, value, _, _) => measured.AddOrUpdate(instrument.Name, 1, (_, count) => count + 1));
        meters.Start();
        var spans = new ConcurrentQueue<Activity>();
        var folder = Path.Combine(Path.GetTempPath(), "welfareflow-telemetry-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var hub = "tel" + Guid.NewGuid().ToString("N")[..10];
        var signingKey = "signing-key-that-must-not-be-logged-" + hub;
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var settings = new Dictionary<string, string>
        {
            ["urls"] = baseUrl,
            ["AzureWebJobsStorage"] = azurite.ConnectionString,
            ["WelfareFlow:TaskHub"] = hub,
            ["WelfareFlow:PublicBaseUrl"] = baseUrl,
            ["WelfareFlow:OperatorApiKey"] = OperatorKey,
            ["WelfareFlow:SigningKey"] = signingKey,
            ["WelfareFlow:DataDirectory"] = folder,
            ["Mail:PickupDirectory"] = Path.Combine(folder, "mail"),
            ["Logging:LogLevel:Default"] = "Information",
            ["Logging:LogLevel:Microsoft.AspNetCore"] = "Debug",
            ["Logging:LogLevel:DurableTask"] = "Information",
        };
        var builder = WebApplication.CreateBuilder(ServerSetup.BuilderOptions([.. settings.Select(s => $"--{s.Key}={s.Value}")], folder));
        builder.AddWelfareFlow();
        builder.Logging.AddProvider(logs);
        builder.Services.ConfigureOpenTelemetryTracerProvider(tracing => tracing.AddProcessor(new CapturingProcessor(spans)));
        await using var app = builder.Build();
        app.MapWelfareFlow();
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(60) };
        var mailbox = new Mailbox(Path.Combine(folder, "mail"));
        var tokens = new List<string>();
        try
        {
            var now = DateTimeOffset.UtcNow;
            var definition = new
            {
                id = "tel-2024", title = "관측 회차",
                districts = new[] { new { id = "gobong", name = "고봉동", email = "gobong@goyang.example" }, new { id = "juyeop-1", name = "주엽1동", email = "juyeop-1@goyang.example" } },
                judges = new[] { new { id = "judge-1", name = "심사위원 1", email = "judge-1@judges.example" }, new { id = "judge-2", name = "심사위원 2", email = "judge-2@judges.example" } },
                rubric = new[] { new { id = "creativity", title = "창의성", maxPoints = 20 } },
                aggregation = "mean",
                tiers = new[] { new { id = "best", label = "최우수", quota = 1 } },
                submissionDeadline = now.AddHours(1), judgingDeadline = now.AddHours(2),
            };
            Assert.Equal(HttpStatusCode.Created, (await http.SendAsync(Operator(HttpMethod.Post, "/api/rounds", definition))).StatusCode);
            var invitations = await mailbox.WaitForAsync("district-invitation", 2);
            foreach (var mail in invitations)
            {
                var token = Mailbox.LinkToken(mail, "submit");
                tokens.Add(token);
                var district = mail.To.Split('@')[0];
                await http.GetAsync($"/submit/{token}");
                await http.GetAsync($"/submit/{token}?lang=en");
                var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/tel-2024/cases/{district}", token, new { title = "사례", summary = "요약", category = "돌봄" }));
                Assert.Equal(HttpStatusCode.Created, put.StatusCode);
            }

            // A forged and an expired-looking token are logged as failures too: still masked.
            await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, "/api/rounds/tel-2024/cases/gobong", tokens[0] + "x", new { title = "x", summary = "x", category = "x" }));
            Assert.Equal(HttpStatusCode.Accepted, (await http.SendAsync(Operator(HttpMethod.Post, "/api/rounds/tel-2024/close-submissions"))).StatusCode);
            var judgeMails = await mailbox.WaitForAsync("judge-invitation", 2);
            foreach (var mail in judgeMails)
            {
                var token = Mailbox.LinkToken(mail, "judge");
                tokens.Add(token);
                var judge = mail.To.Split('@')[0];
                await http.GetAsync($"/judge/{token}");
                foreach (var district in new[] { "gobong", "juyeop-1" })
                {
                    var put = await http.SendAsync(WelfareServer.Bearer(HttpMethod.Put, $"/api/rounds/tel-2024/cases/{district}/scores/{judge}", token,
                        new { criteria = new Dictionary<string, double> { ["creativity"] = district == "gobong" ? 18 : 12 }, comment = "좋음" }));
                    Assert.Equal(HttpStatusCode.Created, put.StatusCode);
                }
            }

            await mailbox.WaitForAsync("district-result", 2);
            var results = await http.SendAsync(Operator(HttpMethod.Get, "/api/rounds/tel-2024/results"));
            Assert.Equal(HttpStatusCode.OK, results.StatusCode);
            await http.GetAsync("/ops/sign-in");
            var signIn = new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = OperatorKey, ["returnUrl"] = "/ops" });
            await http.PostAsync("/ops/sign-in", signIn);
        }
        finally
        {
            await app.StopAsync();
            try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }

        Assert.True(tokens.Count == 4, "expected two submit and two judge tokens");

        // The product's metrics (other tests may add to the same static meter, so at least).
        Assert.True(measured.GetValueOrDefault("welfareflow.cases.submitted") >= 2, "cases submitted");
        Assert.True(measured.GetValueOrDefault("welfareflow.scores.received") >= 4, "scores received");
        Assert.True(measured.GetValueOrDefault("welfareflow.results.delay") >= 1, "time from last score to results");
        var secrets = tokens.Append(OperatorKey).Append(signingKey).ToList();
        var logText = logs.Text();
        Assert.Contains("/submit/", logText, StringComparison.Ordinal); // the request logs are there, with the token masked
        Assert.Contains("Request starting", logText, StringComparison.Ordinal);
        foreach (var secret in secrets)
        {
            Assert.False(logText.Contains(secret, StringComparison.Ordinal), $"A secret ({secret[..6]}…) appears in the logs.");
        }

        var spanText = new StringBuilder();
        foreach (var span in spans)
        {
            spanText.AppendLine(span.DisplayName);
            foreach (var tag in span.TagObjects) spanText.Append(tag.Key).Append('=').AppendLine(tag.Value?.ToString());
        }

        Assert.Contains("url.path=/submit/", spanText.ToString(), StringComparison.Ordinal);
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.DurableTask");
        // One trace spans the request that created the round and the round's orchestration and activities.
        var create = Assert.Single(spans, s => s.Kind == ActivityKind.Server && s.TagObjects.Any(t => t.Key == "http.request.method" && (string?)t.Value == "POST")
            && s.TagObjects.Any(t => t.Key == "url.path" && (string?)t.Value == "/api/rounds"));
        Assert.Contains(spans, s => s.Source.Name == "Microsoft.DurableTask" && s.TraceId == create.TraceId && s.DisplayName.Contains("SendDistrictInvitations", StringComparison.Ordinal));
        foreach (var secret in secrets)
        {
            Assert.False(spanText.ToString().Contains(secret, StringComparison.Ordinal), $"A secret ({secret[..6]}…) appears in a span.");
        }
    }

    HttpRequestMessage Operator(HttpMethod method, string path, object? body = null)
    {
        var request = WelfareServer.Request(method, path, body);
        request.Headers.Add("X-Api-Key", OperatorKey);
        return request;
    }

    static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    sealed class CapturingProcessor(ConcurrentQueue<Activity> spans) : BaseProcessor<Activity>
    {
        public override void OnEnd(Activity data) => spans.Enqueue(data);
    }
}
