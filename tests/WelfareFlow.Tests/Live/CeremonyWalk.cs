using System.Globalization;
using System.Net;
using System.Text.Json;
using System.Text.RegularExpressions;
using WelfareFlow.Tests.Ops;

namespace WelfareFlow.Tests.Live;

/// <summary>The ceremony screen walked step by step over HTTP by a signed-in operator, each step checked against the
/// results API's JSON: every tier from the lowest to the best, then the special awards, then the whole table.</summary>
public static partial class CeremonyWalk
{
    /// <summary>Walks every step in Korean (the default) and the last one in English too; returns the number of steps.</summary>
    public static async Task<int> WalkAsync(HttpClient signedIn, string roundId, JsonElement results)
    {
        var awards = results.GetProperty("awards").EnumerateArray().ToList();
        var placed = awards.Where(a => a.GetProperty("tier").ValueKind == JsonValueKind.String).ToList();
        // The results give each case its tier; the tier whose best rank is lowest comes first.
        var tiers = placed.GroupBy(a => a.GetProperty("tierLabel").GetString()!)
            .OrderByDescending(g => g.Min(a => a.GetProperty("rank").GetInt32()))
            .Select(g => (Label: g.Key, Winners: string.Join(" | ", g.OrderBy(a => a.GetProperty("rank").GetInt32()).ThenBy(a => a.GetProperty("districtId").GetString(), StringComparer.Ordinal).Select(a => a.GetProperty("districtName").GetString()))))
            .ToList();
        var specials = results.GetProperty("specialAwards").EnumerateArray().Select(s => $"{s.GetProperty("title").GetString()}: {s.GetProperty("districtName").GetString()}").ToList();
        var steps = tiers.Count + (specials.Count > 0 ? 1 : 0) + 1;
        var ceremony = $"/ops/rounds/{roundId}/ceremony";

        for (var step = 1; step <= steps; step++)
        {
            var response = await signedIn.GetAsync($"{ceremony}?step={step}");
            var html = WebUtility.HtmlDecode(await response.Content.ReadAsStringAsync());
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("<html lang=\"ko\">", html, StringComparison.Ordinal);
            Assert.Contains($"{steps}단계 중 {step}단계", html, StringComparison.Ordinal);
            Assert.Equal(step < steps, html.Contains($"href=\"{ceremony}?step={step + 1}\" rel=\"next\"", StringComparison.Ordinal));
            if (step <= tiers.Count) Assert.Equal(tiers[step - 1], DayPageHttpTests.Slide(html));
            else if (step < steps) Assert.Equal(("특별상", string.Join(" | ", specials)), DayPageHttpTests.Slide(html));
            else Assert.Equal(TableOf(placed), Table(html, "전체 결과"));
        }

        var english = WebUtility.HtmlDecode(await (await signedIn.GetAsync($"{ceremony}?step={steps}&lang=en")).Content.ReadAsStringAsync());
        Assert.Contains($"step {steps} of {steps}", english, StringComparison.Ordinal);
        Assert.Equal(TableOf(placed), Table(english, "All results"));
        return steps;
    }

    /// <summary>The whole table as the results give it: rank, district, tier, score (as the screen prints it).</summary>
    static List<string> TableOf(List<JsonElement> placed) =>
        [.. placed.OrderBy(a => a.GetProperty("rank").GetInt32()).Select(a =>
            $"{a.GetProperty("rank").GetInt32()} {a.GetProperty("districtName").GetString()} {a.GetProperty("tierLabel").GetString()} {a.GetProperty("score").GetDouble().ToString("0.##", CultureInfo.InvariantCulture)}")];

    static List<string> Table(string html, string heading)
    {
        Assert.Contains($"<h1>{heading}</h1>", html, StringComparison.Ordinal);
        return [.. Row().Matches(html).Select(m => $"{m.Groups[1].Value} {m.Groups[2].Value} {m.Groups[3].Value} {m.Groups[4].Value}")];
    }

    [GeneratedRegex("<tr><td class=\"num\">([^<]*)</td><th scope=\"row\">([^<]*)</th><td>([^<]*)</td><td class=\"num\">([^<]*)</td></tr>")]
    private static partial Regex Row();
}
