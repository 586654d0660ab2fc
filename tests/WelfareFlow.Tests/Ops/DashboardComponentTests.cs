using System.Text.Json;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Contracts;
using WelfareFlow.Evaluation;
using WelfareFlow.Ops;
using WelfareFlow.Ops.Components;
using WelfareFlow.Storage;

namespace WelfareFlow.Tests.Ops;

/// <summary>The award sheet's components rendered on their own: charts draw what the model holds, with the method's
/// dropped totals marked, in words of the page's language.</summary>
public sealed partial class DashboardComponentTests
{
    static readonly TierDefinition[] Tiers = [new("best", "최우수", 1), new("excellent", "우수", 1)];

    [Theory]
    [InlineData("ko", "절사평균", "중앙값", "표준편차")]
    [InlineData("en", "trimmed mean", "median", "Standard deviation")]
    public async Task AwardSheet_ThreeCases_DrawsEveryTotalAndMarksDropped(string language, string method, string median, string spread)
    {
        var html = await RenderAsync(Model(language == "en" ? OpsText.English : OpsText.Korean));

        Assert.Contains($"<html lang=\"{language}\">", html, StringComparison.Ordinal);
        Assert.Contains(method, html, StringComparison.Ordinal);
        Assert.Contains(median, html, StringComparison.Ordinal);
        Assert.Contains(spread, html, StringComparison.Ordinal);
        var totals = Svg(html, "totals-title");
        Assert.Equal(9, Regex.Count(totals, "<circle "));
        Assert.Equal(6, Regex.Count(totals, "class=\"dropped\""));
        Assert.Equal(3, Regex.Count(Svg(html, "spread-title"), "class=\"box\""));
        var sensitivity = Svg(html, "sens-title");
        Assert.Equal(3 * 4, Regex.Count(sensitivity, "<rect class=\"tier"));
        Assert.Equal(1, Regex.Count(sensitivity, "class=\"changes\""));
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task AwardSheet_LongLists_LinkThePagesAroundThisOne()
    {
        var model = Model(OpsText.Korean) with
        {
            Query = new AwardSheetQuery(2, 2, true),
            UnplacedPaging = Paging.Of(3489, 2),
            CasesPaging = Paging.Of(250, 2),
        };
        var html = await RenderAsync(model);

        Assert.Contains("35쪽 중 2쪽 (모두 3,489건)", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/ops/rounds/r/award-sheet?page=3&amp;casesPage=2&amp;changing=1#unplaced\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/ops/rounds/r/award-sheet?casesPage=2&amp;changing=1#unplaced\"", html, StringComparison.Ordinal);
        Assert.Contains("href=\"/ops/rounds/r/award-sheet?page=2&amp;casesPage=3&amp;changing=1#cases\"", html, StringComparison.Ordinal);
        Assert.Contains("name=\"changing\" value=\"1\" checked", html, StringComparison.Ordinal);
    }

    [Fact]
    public void OpsText_KoreanAndEnglish_NameTheSameValues()
    {
        var ko = OpsText.Korean;
        var en = OpsText.English;
        foreach (var (k, e) in new[] { (ko.Phases, en.Phases), (ko.CaseStates, en.CaseStates), (ko.RuntimeStatuses, en.RuntimeStatuses), (ko.Methods, en.Methods), (ko.AuditActions, en.AuditActions), (ko.OperatorActions, en.OperatorActions) })
        {
            Assert.Equal(k.Keys.Order(), e.Keys.Order());
        }

        foreach (var action in OpsAction.ForRounds.Concat(OpsAction.ForInstances)) Assert.True(ko.OperatorActions.ContainsKey(action.Key), action.Key);
        foreach (var phase in WireNames.All<RoundPhase>()) Assert.True(ko.Phases.ContainsKey(phase), phase);
        foreach (var status in WireNames.All<CaseStatus>().Concat(WireNames.All<WelfareFlow.Workflow.CasePhase>())) Assert.True(ko.CaseStates.ContainsKey(status), status);
        foreach (var m in AggregationMethodNames.All) Assert.True(ko.Methods.ContainsKey(m), m);
        foreach (var s in Enum.GetNames<Microsoft.DurableTask.Client.OrchestrationRuntimeStatus>()) Assert.True(ko.RuntimeStatuses.ContainsKey(s), s);
    }

    [Theory]
    [InlineData("2026-11-28T09:27:00Z", "2026년 11월 28일 18:27 (KST)", "28 Nov 2026, 18:27 KST")]
    [InlineData("2026-12-31T15:00:00Z", "2027년 1월 1일 00:00 (KST)", "1 Jan 2027, 00:00 KST")]
    public void SeoulTime_Both_ShowSeoulWithZone(string utc, string korean, string english)
    {
        var at = DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(korean, SeoulTime.Korean(at));
        Assert.Equal(english, SeoulTime.English(at));
        Assert.Equal(at, SeoulTime.ParseLocal(SeoulTime.Format(at, "yyyy-MM-dd'T'HH:mm:ss")));
    }

    static string Svg(string html, string titleId)
    {
        var start = html.LastIndexOf("<svg", html.IndexOf($"id=\"{titleId}\"", StringComparison.Ordinal), StringComparison.Ordinal);
        return html[start..(html.IndexOf("</svg>", start, StringComparison.Ordinal) + 6)];
    }

    static async Task<string> RenderAsync(AwardSheetModel model)
    {
        await using var services = new ServiceCollection().AddLogging().BuildServiceProvider();
        return await OpsHtml.RenderAsync<AwardSheetPage>(services, new Dictionary<string, object?> { ["Model"] = model });
    }

    /// <summary>Three cases, three judges; trimmed mean drops each case's highest and lowest total.</summary>
    static AwardSheetModel Model(OpsText text)
    {
        var settings = new RoundSettings([new Criterion("creativity", "창의성", 100)], "trimmed-mean", Tiers, null, [], null);
        var round = new RoundRow { PartitionKey = "r", Title = "2026년 회차", DefinitionJson = JsonSerializer.Serialize(settings, Json.Options) };
        AwardSheetModel.CaseLine Case(string id, int rank, double a, double b, double c, string? tier, string? median) => new(id, id + "동", rank, b, [
                new("j1", "심사위원 1", a, true), new("j2", "심사위원 2", b, false), new("j3", "심사위원 3", c, true)],
            new Dictionary<string, string?> { ["mean"] = tier, ["median"] = median, ["trimmed-mean"] = tier, ["z-score"] = tier }, tier != median);
        var cases = new[] { Case("a", 1, 90, 85, 70, "best", "best"), Case("b", 2, 88, 80, 60, "excellent", "excellent"), Case("c", 3, 75, 78, 81, null, "excellent") };
        var panel = new[] { new AwardSheetModel.JudgeLine("j1", "심사위원 1", 3, 75, 81.5, 88, 89, 90, 84.3, 6.6, 0.5), new AwardSheetModel.JudgeLine("j2", "심사위원 2", 3, 78, 79, 80, 82.5, 85, 81, 2.9, null),
            new AwardSheetModel.JudgeLine("j3", "심사위원 3", 3, 60, 65, 70, 75.5, 81, 70.3, 8.6, -0.2) };
        var frame = new OpsFrame(text, "시상 명단", "/ops/rounds/r/award-sheet?lang=en", "csrf");
        return new AwardSheetModel(frame, round, "trimmed-mean", new AwardSheetQuery(null, null, false),
            [new("최우수", 1, [new(1, "a", "a동", 85)]), new("우수", 1, [new(2, "b", "b동", 80)])], [new(3, "c", "c동", 78)], Paging.Of(1, null),
            [], panel, new AgreementStatistics(0.8, 0.7, []) { CompleteCases = 3 }, cases, Paging.Of(3, null), Tiers);
    }
}
