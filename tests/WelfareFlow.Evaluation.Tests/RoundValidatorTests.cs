namespace WelfareFlow.Evaluation.Tests;

public sealed class RoundValidatorTests
{
    private static readonly DateTimeOffset Submission = new(2024, 10, 31, 18, 0, 0, TimeSpan.FromHours(9));

    private static readonly RoundRules Valid = new(
        "goyang-2024",
        "2024년 복지업무 우수 동 성과보고회",
        [new("gobong", "고봉동", "gobong@example.org"), new("juyeop-1", "주엽1동", "juyeop1@example.org")],
        [new("judge-1", "Kim", "kim@example.org"), new("judge-2", "Lee", "lee@example.org")],
        [new("creativity", "창의성", 20), new("impact", "효과성", 30)],
        TestRounds.Goyang,
        Submission,
        Submission.AddDays(14),
        null);

    [Fact]
    public void Validate_GoyangRound_NoErrors() => Assert.Empty(RoundValidator.Validate(Valid));

    [Fact]
    public void Validate_QuorumWithinJudges_NoErrors() => Assert.Empty(RoundValidator.Validate(Valid with { Quorum = 2 }));

    [Theory]
    [InlineData("round id uppercase", "id", "lowercase")]
    [InlineData("round id missing", "id", "required")]
    [InlineData("round id too long", "id", "63")]
    [InlineData("title blank", "title", "required")]
    [InlineData("no districts", "districts", "At least one district")]
    [InlineData("no judges", "judges", "At least one judge")]
    [InlineData("no rubric", "rubric", "At least one criterion")]
    [InlineData("no tiers", "tiers", "At least one tier")]
    [InlineData("district id with double hyphen", "districts[1].id", "single hyphens")]
    [InlineData("district id with trailing hyphen", "districts[1].id", "single hyphens")]
    [InlineData("duplicate district", "districts[1].id", "Duplicate district id 'gobong'")]
    [InlineData("district name blank", "districts[1].name", "needs a name")]
    [InlineData("district email without at", "districts[1].email", "does not look like")]
    [InlineData("judge email without domain dot", "judges[1].email", "does not look like")]
    [InlineData("judge email missing", "judges[1].email", "needs an email")]
    [InlineData("duplicate judge", "judges[1].id", "Duplicate judge id")]
    [InlineData("null judge", "judges[1]", "Judge 2 is empty")]
    [InlineData("criterion max zero", "rubric[1].maxPoints", "greater than 0")]
    [InlineData("criterion max not half step", "rubric[1].maxPoints", "steps of 0.5")]
    [InlineData("criterion title blank", "rubric[1].title", "needs a title")]
    [InlineData("duplicate criterion", "rubric[1].id", "Duplicate criterion id 'creativity'")]
    [InlineData("tier quota zero", "tiers[2].quota", "at least 1")]
    [InlineData("tier label blank", "tiers[2].label", "needs a label")]
    [InlineData("duplicate tier", "tiers[2].id", "Duplicate tier id 'best'")]
    [InlineData("deadlines equal", "judgingDeadline", "after the submission deadline")]
    [InlineData("deadlines reversed", "judgingDeadline", "after the submission deadline")]
    [InlineData("submission deadline missing", "submissionDeadline", "required")]
    [InlineData("judging deadline missing", "judgingDeadline", "required")]
    [InlineData("quorum zero", "quorum", "between 1 and the number of judges (2)")]
    [InlineData("quorum above judges", "quorum", "between 1 and the number of judges (2)")]
    public void Validate_OneRuleBroken_OneErrorOnThatField(string mutation, string field, string message)
    {
        var errors = RoundValidator.Validate(Mutate(mutation));

        var error = Assert.Single(errors);
        Assert.Equal(field, error.Field);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Validate_SeveralRulesBroken_AllReportedAtOnce()
    {
        var round = Valid with { Id = "Bad Id", Title = "", Tiers = [], Quorum = 5 };

        var fields = RoundValidator.Validate(round).Select(e => e.Field);

        Assert.Equal(["id", "title", "tiers", "quorum"], fields);
    }

    private static RoundRules Mutate(string mutation)
    {
        var d = Valid.Districts!;
        var j = Valid.Judges!;
        var r = Valid.Rubric!;
        var t = Valid.Tiers!;
        return mutation switch
        {
            "round id uppercase" => Valid with { Id = "Goyang-2024" },
            "round id missing" => Valid with { Id = null },
            "round id too long" => Valid with { Id = new string('a', 64) },
            "title blank" => Valid with { Title = "  " },
            "no districts" => Valid with { Districts = [] },
            "no judges" => Valid with { Judges = null },
            "no rubric" => Valid with { Rubric = [] },
            "no tiers" => Valid with { Tiers = null },
            "district id with double hyphen" => Valid with { Districts = [d[0], d[1] with { Id = "juyeop--1" }] },
            "district id with trailing hyphen" => Valid with { Districts = [d[0], d[1] with { Id = "juyeop-" }] },
            "duplicate district" => Valid with { Districts = [d[0], d[1] with { Id = "gobong" }] },
            "district name blank" => Valid with { Districts = [d[0], d[1] with { Name = "" }] },
            "district email without at" => Valid with { Districts = [d[0], d[1] with { Email = "juyeop.example.org" }] },
            "judge email without domain dot" => Valid with { Judges = [j[0], j[1] with { Email = "lee@localhost" }] },
            "judge email missing" => Valid with { Judges = [j[0], j[1] with { Email = null! }] },
            "duplicate judge" => Valid with { Judges = [j[0], j[1] with { Id = "judge-1" }] },
            "null judge" => Valid with { Judges = [j[0], null!] },
            "criterion max zero" => Valid with { Rubric = [r[0], r[1] with { MaxPoints = 0 }] },
            "criterion max not half step" => Valid with { Rubric = [r[0], r[1] with { MaxPoints = 12.25 }] },
            "criterion title blank" => Valid with { Rubric = [r[0], r[1] with { Title = "" }] },
            "duplicate criterion" => Valid with { Rubric = [r[0], r[1] with { Id = "creativity" }] },
            "tier quota zero" => Valid with { Tiers = [t[0], t[1], t[2] with { Quota = 0 }] },
            "tier label blank" => Valid with { Tiers = [t[0], t[1], t[2] with { Label = "" }] },
            "duplicate tier" => Valid with { Tiers = [t[0], t[1], t[2] with { Id = "best" }] },
            "deadlines equal" => Valid with { JudgingDeadline = Submission },
            "deadlines reversed" => Valid with { JudgingDeadline = Submission.AddHours(-1) },
            "submission deadline missing" => Valid with { SubmissionDeadline = null },
            "judging deadline missing" => Valid with { JudgingDeadline = null },
            "quorum zero" => Valid with { Quorum = 0 },
            "quorum above judges" => Valid with { Quorum = 3 },
            _ => throw new ArgumentOutOfRangeException(nameof(mutation), mutation, null),
        };
    }
}
