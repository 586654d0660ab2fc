using System.Collections.Frozen;
using System.Reflection;
using System.Text.Json.Serialization;

namespace WelfareFlow;

/// <summary>The contract strings of the product's enums (<see cref="Storage.RoundPhase"/>, <see cref="Storage.CaseStatus"/>,
/// <see cref="Workflow.CasePhase"/>, <see cref="Live.JudgingMode"/>). They are read from each member's
/// <see cref="JsonStringEnumMemberNameAttribute"/>, so JSON, table columns and views cannot drift apart.</summary>
public static class WireNames
{
    public static string ToWire<T>(T value) where T : struct, Enum =>
        Map<T>.Names.TryGetValue(value, out var name) ? name : throw new ArgumentOutOfRangeException(nameof(value), value, $"Not a {typeof(T).Name}.");

    /// <summary>Parses a wire string exactly (ordinal), as the contract always compared them (a definition's
    /// <c>"judging": "Live"</c> is refused, not guessed).</summary>
    public static bool TryParse<T>(string? wire, out T value) where T : struct, Enum =>
        Map<T>.Values.TryGetValue(wire ?? "", out value);

    /// <summary>Parses a wire string the product wrote itself; anything else is corrupt data.</summary>
    public static T Parse<T>(string wire) where T : struct, Enum =>
        TryParse<T>(wire, out var value) ? value : throw new FormatException($"'{wire}' is not a {typeof(T).Name}.");

    /// <summary>Every wire string, in declaration order.</summary>
    public static IReadOnlyList<string> All<T>() where T : struct, Enum => Map<T>.Ordered;

    static class Map<T> where T : struct, Enum
    {
        public static readonly IReadOnlyList<string> Ordered = [.. Enum.GetValues<T>().Select(Name)];
        public static readonly FrozenDictionary<T, string> Names = Enum.GetValues<T>().ToFrozenDictionary(v => v, Name);
        public static readonly FrozenDictionary<string, T> Values = Names.ToFrozenDictionary(p => p.Value, p => p.Key, StringComparer.Ordinal);

        static string Name(T value) =>
            typeof(T).GetField(value.ToString(), BindingFlags.Public | BindingFlags.Static)?.GetCustomAttribute<JsonStringEnumMemberNameAttribute>()?.Name
            ?? throw new InvalidOperationException($"{typeof(T).Name}.{value} has no wire name.");
    }
}
