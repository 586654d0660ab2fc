using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Contracts;
using WelfareFlow.Finalists;
using WelfareFlow.Http;

namespace WelfareFlow.Live;

/// <summary>The steps of creating a round that belong to the two stages and the presentation day (DESIGN §5.1),
/// kept here so round creation calls them in two lines.</summary>
public static class RoundStages
{
    /// <summary>A final's districts from its screening; the definition when it may go on, else one of the two refusals.</summary>
    public static async Task<(RoundDefinition? Definition, ValidationProblem? Invalid, ProblemHttpResult? Conflict)> ResolveAsync(IServiceProvider services, RoundDefinition definition, CancellationToken cancellationToken)
    {
        var resolution = await services.GetRequiredService<FinalistSelection>().ResolveAsync(definition, cancellationToken);
        if (resolution.Definition is not null) return (resolution.Definition, null, null);
        if (resolution.Conflict is null) return (null, Problems.Validation(resolution.Errors), null);
        var extensions = resolution.TiedDistricts is null ? null : new Dictionary<string, object?> { ["tiedDistricts"] = resolution.TiedDistricts };
        return (null, null, TypedResults.Problem(statusCode: StatusCodes.Status409Conflict, title: "Conflict", detail: resolution.Conflict, extensions: extensions));
    }

    /// <summary>Before the round starts: a live round's default running order (the definition's), a final's carried cases. Idempotent.</summary>
    public static async Task PrepareAsync(IServiceProvider services, RoundDefinition definition, CancellationToken cancellationToken)
    {
        var districtIds = definition.Districts!.Select(d => d.Id).ToList();
        if (WireNames.TryParse<JudgingMode>(definition.Judging, out var mode) && mode == JudgingMode.Live)
        {
            await services.GetRequiredService<LiveStore>().SaveOrderAsync(definition.Id!, districtIds, cancellationToken);
        }

        if (definition.FinalistsOf is { RoundId: { } screeningId })
        {
            await services.GetRequiredService<FinalistSelection>().CarryCasesAsync(screeningId, definition.Id!, districtIds, cancellationToken);
        }
    }
}
