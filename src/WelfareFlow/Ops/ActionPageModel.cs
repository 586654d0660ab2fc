using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using WelfareFlow.Storage;

namespace WelfareFlow.Ops;

/// <summary>An action's confirmation page: its fields (with the choices the round offers), whether the server has the
/// action, and the last attempt's error.</summary>
public sealed record ActionPageModel(
    OpsFrame Frame,
    string RoundId,
    string RoundTitle,
    string Key,
    string? InstanceId,
    string? Error,
    bool Available,
    string Csrf,
    IReadOnlyList<ActionPageModel.Field> Fields)
{
    public sealed record Option(string Value, string Label);

    public sealed record Field(string Name, string Label, FieldKind Kind, bool Required, IReadOnlyList<Option> Options);

    public string Back => InstanceId is null
        ? $"/ops/rounds/{Uri.EscapeDataString(RoundId)}"
        : $"/ops/rounds/{Uri.EscapeDataString(RoundId)}/instances/{Uri.EscapeDataString(InstanceId)}";

    public static async Task<IReadOnlyList<Field>> FieldsAsync(HttpContext http, OpsText text, string roundId, OpsAction action)
    {
        var store = http.RequestServices.GetRequiredService<RoundStore>();
        var ct = http.RequestAborted;
        var fields = new List<Field>();
        foreach (var field in action.Fields)
        {
            var options = new List<Option>();
            if (field.Kind is FieldKind.District or FieldKind.Participant)
            {
                foreach (var d in (await store.GetDistrictsAsync(roundId, ct)).OrderBy(d => d.RowKey, StringComparer.Ordinal))
                    options.Add(new(field.Kind == FieldKind.Participant ? "district:" + d.RowKey : d.RowKey, $"{d.Name} ({d.RowKey})"));
            }

            if (field.Kind is FieldKind.Judge or FieldKind.Participant)
            {
                foreach (var j in (await store.GetJudgesAsync(roundId, ct)).OrderBy(j => j.RowKey, StringComparer.Ordinal))
                    options.Add(new(field.Kind == FieldKind.Participant ? "judge:" + j.RowKey : j.RowKey, $"{text.Judge}: {j.Name} ({j.RowKey})"));
            }

            if (field.Kind is FieldKind.Case)
            {
                var names = (await store.GetDistrictsAsync(roundId, ct)).ToDictionary(d => d.RowKey, d => d.Name, StringComparer.Ordinal);
                foreach (var c in (await http.RequestServices.GetRequiredService<CaseStore>().ListStatusesAsync(roundId, ct)).Where(c => c.Status == CaseStatus.Judging).OrderBy(c => c.RowKey, StringComparer.Ordinal))
                    options.Add(new(c.RowKey, $"{names.GetValueOrDefault(c.RowKey, c.RowKey)} ({c.RowKey})"));
            }

            fields.Add(new Field(field.Name, field.Label(text), field.Kind, field.Required, options));
        }

        return fields;
    }
}
