using FsCheck;
using FsCheck.Fluent;

namespace WelfareFlow.Evaluation.Tests.Properties;

/// <summary>Registered with <c>[Property(Arbitrary = …)]</c> so properties can take a round as a parameter.</summary>
public static class RoundArbitraries
{
    public static Arbitrary<GeneratedRound> Rounds() => RoundGenerators.Any.ToArbitrary();
}
