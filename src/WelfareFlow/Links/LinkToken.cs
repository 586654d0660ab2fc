namespace WelfareFlow.Links;

public static class LinkPurposes
{
    public const string Submit = "submit";
    public const string Judge = "judge";
}

/// <summary>What a valid link token grants: one purpose, in one round, to one district or judge.</summary>
public sealed record LinkClaims(string Purpose, string RoundId, string Subject, DateTimeOffset Expires, int Version);
