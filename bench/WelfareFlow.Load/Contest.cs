using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace WelfareFlow.Load;

/// <summary>A round as its people use it: the operator through the API key, districts and judges through the
/// HTTP contract with the tokens of the links emailed to them.</summary>
public sealed class Contest(HttpClient http, string operatorKey, MailPickup mail, int judges, int clients)
{
    static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    public static readonly string[] Criteria = ["creativity", "effectiveness", "sustainability"];

    public Dictionary<string, string> JudgeTokens { get; private set; } = [];

    public static string District(int i) => $"d{i:D5}";

    public static string Judge(int j) => $"judge-{j}";

    /// <summary>Creates the round, waits for every district's invitation and submits every case; judging is not started.</summary>
    public async Task SubmitAsync(string roundId, int cases)
    {
        var definition = new
        {
            id = roundId,
            title = $"부하 시험 {roundId}",
            districts = Enumerable.Range(1, cases).Select(i => new { id = District(i), name = $"동 {i}", email = $"{District(i)}@{roundId}.example" }),
            judges = Enumerable.Range(1, judges).Select(j => new { id = Judge(j), name = $"심사위원 {j}", email = $"{Judge(j)}@{roundId}.example" }),
            rubric = Criteria.Select(c => new { id = c, title = c, maxPoints = 20 }),
            aggregation = "trimmed-mean",
            tiers = new[] { new { id = "best", label = "최우수", quota = Math.Max(1, cases / 100) }, new { id = "excellent", label = "우수", quota = Math.Max(3, cases / 30) } },
            submissionDeadline = DateTimeOffset.UtcNow.AddDays(1),
            judgingDeadline = DateTimeOffset.UtcNow.AddDays(14),
        };
        await SendAsync(Operator(HttpMethod.Post, "/api/rounds", definition));

        var invitations = new Progress("district invitations", cases);
        var districts = Enumerable.Range(1, cases).Select(i => $"{District(i)}@{roundId}.example").ToList();
        var tokens = await mail.WaitForAsync("district-invitation", districts, TimeSpan.FromMinutes(30), n => invitations.Advance(n));
        invitations.Finish();

        var submitting = new Progress("submissions", cases);
        await Parallel.ForEachAsync(Enumerable.Range(1, cases), new ParallelOptions { MaxDegreeOfParallelism = clients }, async (i, _) =>
        {
            var token = tokens[$"{District(i)}@{roundId}.example"].Token;
            await SendAsync(Bearer(HttpMethod.Put, $"/api/rounds/{roundId}/cases/{District(i)}", token,
                new { title = $"사례 {i}", summary = "홀몸 어르신 고독사 예방을 위한 이웃 돌봄망 사업.", category = "돌봄" }));
            submitting.Advance();
        });
        submitting.Finish();
    }

    /// <summary>Closes intake; returns when it was closed and when the last judge's invitation was written, measured
    /// from the close request.</summary>
    public async Task<(DateTime ClosedAt, TimeSpan ToLinks)> CloseAsync(string roundId)
    {
        var closedAt = DateTime.UtcNow;
        await SendAsync(Operator(HttpMethod.Post, $"/api/rounds/{roundId}/close-submissions"));
        var addresses = Enumerable.Range(1, judges).Select(j => $"{Judge(j)}@{roundId}.example").ToList();
        var links = new Progress("judge invitations", judges);
        var found = await mail.WaitForAsync("judge-invitation", addresses, TimeSpan.FromMinutes(30), n => links.Advance(n));
        links.Finish();
        JudgeTokens = Enumerable.Range(1, judges).ToDictionary(Judge, j => found[$"{Judge(j)}@{roundId}.example"].Token, StringComparer.Ordinal);
        return (closedAt, found.Values.Max(m => m.WrittenAt) - closedAt);
    }

    /// <summary>Waits until every district of the round has its result mail (sent when results are published).</summary>
    /// <returns>When the last of them was written (UTC).</returns>
    public async Task<DateTime> WaitForResultMailsAsync(string roundId, int cases, Action<int> onProgress) =>
        (await mail.WaitForAsync("district-result", [.. Enumerable.Range(1, cases).Select(i => $"{District(i)}@{roundId}.example")], TimeSpan.FromMinutes(30), onProgress))
            .Values.Max(m => m.WrittenAt);

    /// <summary>One judge's score of one case; throws unless 201 or 200.</summary>
    public async Task ScoreAsync(string roundId, int caseNumber, int judge)
    {
        var points = Criteria.ToDictionary(c => c, c => (double)((caseNumber * 7 + judge * 3 + c.Length) % 21), StringComparer.Ordinal);
        await SendAsync(Bearer(HttpMethod.Put, $"/api/rounds/{roundId}/cases/{District(caseNumber)}/scores/{Judge(judge)}", JudgeTokens[Judge(judge)],
            new { criteria = points, comment = "지역 자원 연계가 돋보입니다." }));
    }

    /// <summary>The operator's round view: how many cases are final.</summary>
    public async Task<int> FinalCasesAsync(string roundId)
    {
        using var response = await SendAsync(Operator(HttpMethod.Get, $"/api/rounds/{roundId}"));
        using var view = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return view.RootElement.GetProperty("cases").EnumerateArray().Count(c => c.GetProperty("status").GetString() == "final");
    }

    /// <summary>Waits until the round view says the round is published (its orchestration's last step is done).</summary>
    public async Task WaitUntilPublishedAsync(string roundId)
    {
        for (var until = DateTime.UtcNow + TimeSpan.FromMinutes(10); DateTime.UtcNow < until; await Task.Delay(500))
        {
            using var response = await SendAsync(Operator(HttpMethod.Get, $"/api/rounds/{roundId}"));
            using var view = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
            if (view.RootElement.GetProperty("phase").GetString() == "published") return;
        }

        throw new TimeoutException($"Round {roundId} was not published within 10 minutes of its last result mail.");
    }

    /// <summary>True once results are allocated (200), false while judging runs (409).</summary>
    public async Task<bool> ResultsReadyAsync(string roundId, string accept = "application/json")
    {
        using var request = Operator(HttpMethod.Get, $"/api/rounds/{roundId}/results");
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue(accept));
        using var response = await http.SendAsync(request);
        return response.IsSuccessStatusCode;
    }

    /// <summary>The round's durable instances counted by name and runtime status: what to look at when a run stalls.</summary>
    public async Task<string> DescribeInstancesAsync(string roundId) =>
        string.Join(", ", (await CountInstancesAsync(roundId)).Select(c => $"{c.Key}: {c.Value}"));

    /// <summary>Waits until every case's orchestration has run its first turn and waits for scores (Running), as the
    /// bare engine's run waits for each instance's first turn before raising events: judging is then timed on an
    /// engine done with the close on both sides. Returns the time since <paramref name="closedAt"/>.</summary>
    public async Task<TimeSpan> WaitUntilCasesWaitAsync(string roundId, int cases, DateTime closedAt)
    {
        var waiting = new Progress("case orchestrations waiting for scores", cases);
        for (var (until, seen) = (DateTime.UtcNow + TimeSpan.FromMinutes(30), 0); DateTime.UtcNow < until; await Task.Delay(500))
        {
            var running = (await CountInstancesAsync(roundId)).GetValueOrDefault("CaseOrchestrator Running");
            waiting.Advance(running - seen);
            seen = running;
            if (running >= cases)
            {
                waiting.Finish();
                return DateTime.UtcNow - closedAt;
            }
        }

        throw new TimeoutException($"The case orchestrations of {roundId} did not all start within 30 minutes: {await DescribeInstancesAsync(roundId)}");
    }

    async Task<Dictionary<string, int>> CountInstancesAsync(string roundId)
    {
        using var response = await SendAsync(Operator(HttpMethod.Get, $"/api/rounds/{roundId}/instances"));
        using var list = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        var items = list.RootElement.ValueKind == JsonValueKind.Array ? list.RootElement.EnumerateArray() : list.RootElement.GetProperty("instances").EnumerateArray();
        return items.GroupBy(i => $"{i.GetProperty("name").GetString()} {i.GetProperty("runtimeStatus").GetString()}").ToDictionary(g => g.Key, g => g.Count());
    }

    HttpClient? ops;

    /// <summary>Signs the operator's dashboard client in with the sign-in form, as a browser does (once).</summary>
    async Task SignInAsync()
    {
        if (ops is not null) return;
        var client = new HttpClient(new HttpClientHandler { CookieContainer = new System.Net.CookieContainer(), AllowAutoRedirect = false }) { BaseAddress = http.BaseAddress };
        using var signIn = await client.PostAsync("/ops/sign-in", new FormUrlEncodedContent([new("key", operatorKey), new("returnUrl", "/ops")]));
        if (signIn.StatusCode != System.Net.HttpStatusCode.Redirect) throw new HttpRequestException($"Sign-in answered {(int)signIn.StatusCode}.");
        ops = client;
    }

    /// <summary>An operator's dashboard page, through the signed-in client; throws unless 200.</summary>
    public async Task OpsPageAsync(string path)
    {
        await SignInAsync();
        using var page = await ops!.GetAsync(path);
        if (!page.IsSuccessStatusCode) throw new HttpRequestException($"GET {path} answered {(int)page.StatusCode}.");
        await page.Content.ReadAsStringAsync();
    }

    public async Task GetAsync(string path)
    {
        using var _ = await SendAsync(Operator(HttpMethod.Get, path));
    }

    /// <summary>What an operator does once a round is published: purge its finished durable history (its record stays
    /// in the product's tables). Returns how many instances were purged.</summary>
    public async Task<int> PurgeHistoryAsync(string roundId)
    {
        using var response = await SendAsync(Operator(HttpMethod.Delete, $"/api/rounds/{roundId}/history"));
        using var outcome = JsonDocument.Parse(await response.Content.ReadAsStreamAsync());
        return outcome.RootElement.GetProperty("instancesDeleted").GetInt32();
    }

    HttpRequestMessage Operator(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = body is null ? null : JsonContent.Create(body, options: Web) };
        request.Headers.Add("X-Api-Key", operatorKey);
        return request;
    }

    static HttpRequestMessage Bearer(HttpMethod method, string path, string token, object body)
    {
        var request = new HttpRequestMessage(method, path) { Content = JsonContent.Create(body, options: Web) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return request;
    }

    async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request)
    {
        using (request)
        {
            var response = await http.SendAsync(request);
            if (!response.IsSuccessStatusCode)
            {
                var body = await response.Content.ReadAsStringAsync();
                response.Dispose();
                throw new HttpRequestException($"{request.Method} {request.RequestUri} answered {(int)response.StatusCode}: {body[..Math.Min(body.Length, 500)]}");
            }

            return response;
        }
    }
}
