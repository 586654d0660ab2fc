namespace WelfareFlow.Ops;

/// <summary>The award ceremony screen: the award sheet's results revealed one step at a time — each tier from the
/// lowest to the best, then the special awards (when there are any), then the whole table.</summary>
public sealed record CeremonyModel(AwardSheetModel Sheet, int Step)
{
    public enum Kind { Tier, Specials, Table }

    /// <summary>One step: its kind and, for a tier, the tier's section.</summary>
    public sealed record Slide(Kind Kind, AwardSheetModel.TierSection? Tier = null);

    public IReadOnlyList<Slide> Slides { get; } =
    [
        .. Sheet.Tiers.Reverse().Select(t => new Slide(Kind.Tier, t)),
        .. Sheet.Specials.Count > 0 ? [new Slide(Kind.Specials)] : Array.Empty<Slide>(),
        new Slide(Kind.Table),
    ];

    /// <summary>The step shown: an address outside 1..count shows the nearest step rather than an error.</summary>
    public int Shown => Math.Clamp(Step, 1, Slides.Count);

    public Slide Current => Slides[Shown - 1];

    public string Href(int step) => $"/ops/rounds/{Uri.EscapeDataString(Sheet.RoundId)}/ceremony?step={step}";

    /// <summary>Every placed case, best first, for the last step.</summary>
    public IEnumerable<(AwardSheetModel.Award Award, string Tier)> Table =>
        Sheet.Tiers.SelectMany(t => t.Awards.Select(a => (a, t.Label))).OrderBy(p => p.a.Rank ?? int.MaxValue);
}
