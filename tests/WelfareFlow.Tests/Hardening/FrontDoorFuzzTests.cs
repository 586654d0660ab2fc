using System.Text.Json.Nodes;
using CsCheck;
using WelfareFlow.Tests.Azurite;
using WelfareFlow.Tests.Pages;
using WelfareFlow.Tests.Support;

namespace WelfareFlow.Tests.Hardening;

/// <summary>
/// Issue 10, point 9: every operation of the served /openapi/v1.json and every link-page form, fed generated
/// hostile input (odd ids, bad query values, spoiled, broken or wrongly typed bodies, wrong content types, odd
/// upload names). Property: never a 5xx; on /api every refusal is a problem document; and a refusal changes
/// nothing (round, cases, audit, attachments, mail). Bounded: a fixed number of requests per operation.
/// </summary>
[Collection("azurite")]
public sealed class FrontDoorFuzzTests(AzuriteFixture azurite)
{
    const int RequestsPerOperation = 8;

    [Fact]
    public async Task EveryOperation_GeneratedHostileInput_No5xx_ProblemsOnApi_RefusalsChangeNothing()
    {
        await using var server = await WelfareServer.StartAsync(azurite.ConnectionString);
        var round = await LinkRound.CreateAsync(server, "fuzz");
        await round.SubmitByApiAsync("gobong", "이웃 돌봄망");
        var district = round.SubmitTokens["gobong"];
        var document = JsonNode.Parse(await server.Client.GetStringAsync("/openapi/v1.json"))!;
        List<FuzzOperation> operations = [.. FuzzOperation.FromOpenApi(document), .. FuzzOperation.LinkForms()];
        Assert.True(operations.Count >= 30, $"Only {operations.Count} operations in /openapi/v1.json and the link forms.");

        async Task<string> SnapshotAsync()
        {
            var parts = new List<string> { server.Mailbox.All().Count.ToString(System.Globalization.CultureInfo.InvariantCulture) };
            foreach (var path in new[] { "/api/rounds", $"/api/rounds/{round.Id}", $"/api/rounds/{round.Id}/audit" })
            {
                using var response = await server.Client.SendAsync(server.Operator(HttpMethod.Get, path));
                parts.Add($"{(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
            }

            using var files = await server.Client.SendAsync(WelfareServer.Bearer(HttpMethod.Get, $"/api/rounds/{round.Id}/cases/gobong/attachments", district));
            parts.Add(await files.Content.ReadAsStringAsync());
            return string.Join('\n', parts);
        }

        var baseline = await SnapshotAsync();
        var sent = 0;
        foreach (var operation in operations)
        {
            await Requests(operation, round.Id, district).SampleAsync(async request =>
            {
                using var response = await server.Client.SendAsync(request.ToMessage(WelfareServer.OperatorKey));
                sent++;
                var status = (int)response.StatusCode;
                var body = await response.Content.ReadAsStringAsync();
                Assert.True(status < 500, $"{status} for {request}: {body[..Math.Min(body.Length, 400)]}");
                if (status < 400)
                {
                    baseline = await SnapshotAsync();
                    return;
                }

                Assert.True(!request.IsApi || response.Content.Headers.ContentType?.MediaType == "application/problem+json",
                    $"{status} {response.Content.Headers.ContentType} for {request}: {body[..Math.Min(body.Length, 300)]}");
                Assert.True(baseline == await SnapshotAsync(), $"The refusal {status} of {request} changed the state.");
            }, iter: RequestsPerOperation, threads: 1, print: r => r.ToString());
        }

        Assert.True(sent >= operations.Count * RequestsPerOperation);
    }

    static Gen<FuzzRequest> Requests(FuzzOperation operation, string roundId, string districtToken)
    {
        var n = operation.PathParameters.Count;
        var path = Gen.Select(Gen.Bool.Array[n], FuzzInput.OddId.Array[n], (real, odd) =>
        {
            var built = operation.Template;
            for (var i = 0; i < n; i++)
            {
                var name = operation.PathParameters[i];
                var value = real[i] && operation.MayUseRealIds ? RealValue(name, roundId, districtToken) : odd[i];
                built = built.Replace("{" + name + "}", Uri.EscapeDataString(value), StringComparison.Ordinal);
            }

            return built;
        });
        var query = Gen.Select(Gen.Bool.Array[operation.QueryParameters.Count + 1], FuzzInput.QueryValue.Array[operation.QueryParameters.Count + 1], (include, values) =>
        {
            var names = operation.QueryParameters.Append("top").ToList();
            var pairs = names.Select((name, i) => (name, i)).Where(p => include[p.i]).Select(p => $"{p.name}={Uri.EscapeDataString(values[p.i])}");
            return string.Join('&', pairs);
        });
        var credential = Gen.Frequency<string?>((6, WelfareServer.OperatorKey), (3, districtToken), (1, null), (1, "forged.token"));
        var contentType = operation.IsForm
            ? Gen.Frequency<string?>((6, "application/x-www-form-urlencoded"), (1, "application/json"), (1, null))
            : FuzzInput.JsonContentType;
        var multipart = operation.Template.Contains("/attachments", StringComparison.Ordinal) && operation.Method == "POST" && !operation.Template.EndsWith("/delete", StringComparison.Ordinal);

        return Gen.Select(path, query, FuzzInput.Body(operation.Example), contentType, credential, FuzzInput.FileName, Gen.Int[0, 9], (p, q, body, type, who, fileName, coin) =>
        {
            var withBody = operation.Method is "POST" or "PUT" or "PATCH";
            var form = operation.IsForm && type == "application/x-www-form-urlencoded" ? AsForm(body) : body;
            return new FuzzRequest(operation, q.Length == 0 ? p : p + "?" + q, who, withBody ? type : null, withBody ? form : null,
                Multipart: multipart && coin < 7, FileName: fileName);
        });
    }

    static string RealValue(string parameter, string roundId, string districtToken) => parameter switch
    {
        "roundId" => roundId,
        "districtId" => "gobong",
        "judgeId" => "judge-1",
        "token" => districtToken,
        _ => "1",
    };

    /// <summary>A spoiled JSON object as a form post (field=value), so form handlers see the same hostile values.</summary>
    static string? AsForm(string? json)
    {
        if (json is null) return null;
        try
        {
            return JsonNode.Parse(json) is JsonObject o
                ? string.Join('&', o.Select(f => $"{Uri.EscapeDataString(f.Key)}={Uri.EscapeDataString(f.Value is JsonValue v && v.TryGetValue<string>(out var s) ? s : f.Value?.ToJsonString() ?? "")}"))
                : json;
        }
        catch (System.Text.Json.JsonException)
        {
            return json;
        }
    }
}
