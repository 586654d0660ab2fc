namespace WelfareFlow.Ops;

/// <summary>
/// Every word of the operators' dashboard, in Korean (<see cref="Korean"/>) and English (<see cref="English"/>).
/// Typed: each word is a required member, so a word missing in either language, or a misspelt name, fails the build.
/// Values that come from the product's data (phases, statuses, methods, audit actions, operator actions) are
/// translated by the methods below; the tests check every value the product writes has a word.
/// </summary>
public sealed partial class OpsText
{
    public required string Language { get; init; }
    public required string App { get; init; }
    public required string LanguageSwitch { get; init; }
    public required string SkipToContent { get; init; }
    public required string SignIn { get; init; }
    public required string SignOut { get; init; }
    public required string OperatorKey { get; init; }
    public required string WrongKey { get; init; }
    public required string TooManySignIns { get; init; }
    public required string Rounds { get; init; }
    public required string NoRounds { get; init; }
    public required string Round { get; init; }
    public required string Phase { get; init; }
    public required string Cases { get; init; }
    public required string Districts { get; init; }
    public required string Judges { get; init; }
    public required string SubmissionDeadline { get; init; }
    public required string JudgingDeadline { get; init; }
    public required string Timeline { get; init; }
    public required string Created { get; init; }
    public required string Closed { get; init; }
    public required string Allocated { get; init; }
    public required string Published { get; init; }
    public required string Matrix { get; init; }
    public required string District { get; init; }
    public required string Status { get; init; }
    public required string Scored { get; init; }
    public required string Pending { get; init; }
    public required string Recused { get; init; }
    public required string Late { get; init; }
    public required string Overdue { get; init; }
    public required string NotScored { get; init; }
    public required string Instances { get; init; }
    public required string Instance { get; init; }
    public required string Name { get; init; }
    public required string RuntimeStatus { get; init; }
    public required string CustomStatus { get; init; }
    public required string LastUpdated { get; init; }
    public required string Failure { get; init; }
    public required string Input { get; init; }
    public required string Output { get; init; }
    public required string NoInstances { get; init; }
    public required string History { get; init; }
    public required string HistoryUnavailable { get; init; }
    public required string Event { get; init; }
    public required string Time { get; init; }
    public required string Detail { get; init; }
    public required string Audit { get; init; }
    public required string Actor { get; init; }
    public required string Action { get; init; }
    public required string Subject { get; init; }
    public required string Before { get; init; }
    public required string After { get; init; }
    public required string Actions { get; init; }
    public required string Exports { get; init; }
    public required string ResultsJson { get; init; }
    public required string ResultsCsv { get; init; }
    public required string AuditCsv { get; init; }
    public required string AwardSheet { get; init; }
    public required string Confirm { get; init; }
    public required string ConfirmRequired { get; init; }
    public required string Cancel { get; init; }
    public required string Done { get; init; }
    public required string Failed { get; init; }
    public required string NotAvailable { get; init; }
    public required string AutoRefresh { get; init; }
    public required string StopRefresh { get; init; }
    public required string StartRefresh { get; init; }
    public required string Back { get; init; }
    public required string Reason { get; init; }
    public required string NewDeadline { get; init; }
    public required string Judge { get; init; }
    public required string Email { get; init; }
    public required string Id { get; init; }
    public required string Participant { get; init; }
    public required string AwardTitle { get; init; }
    public required string PurgeNote { get; init; }
    public required string Tier { get; init; }
    public required string Rank { get; init; }
    public required string Score { get; init; }
    public required string SpecialAwards { get; init; }
    public required string Panel { get; init; }
    public required string Agreement { get; init; }
    public required string NotAllocated { get; init; }
    public required string Print { get; init; }
    public required string Aggregation { get; init; }
    public required string NoTier { get; init; }
    public required string NotFound { get; init; }
    public required string Operator { get; init; }
    public required string System { get; init; }

    public required Func<TimeSpan, string> Duration { get; init; }

    // Statistics
    public required string Mean { get; init; }
    public required string StdDev { get; init; }
    public required string Correlation { get; init; }
    public required string KendallW { get; init; }
    public required string Icc { get; init; }
    public required string CompleteCases { get; init; }

    // Paging and filters
    public required string Show { get; init; }
    public required string ShowAll { get; init; }
    public required string ShowPending { get; init; }
    public required string ShowEscalated { get; init; }
    public required string AllJudges { get; init; }
    public required string ApplyFilter { get; init; }
    public required string Previous { get; init; }
    public required string Next { get; init; }
    public required Func<int, int, int, string> PageOf { get; init; }
    public required string Paging { get; init; }
    public required string NoMatches { get; init; }
    public required string ShowChanging { get; init; }

    // Charts
    public required string ChartTable { get; init; }
    public required string ScoresOverTime { get; init; }
    public required Func<int, int, string, string> ScoresOverTimeDesc { get; init; }
    public required string ScoresReceived { get; init; }
    public required string JudgeSpread { get; init; }
    public required Func<int, string> JudgeSpreadDesc { get; init; }
    public required string Lowest { get; init; }
    public required string Highest { get; init; }
    public required string CaseTotals { get; init; }
    public required Func<string, string> CaseTotalsDesc { get; init; }
    public required string Dropped { get; init; }
    public required string Kept { get; init; }
    public required string Sensitivity { get; init; }
    public required string SensitivityDesc { get; init; }
    public required string ChangesTier { get; init; }

    // Presentation day (DESIGN §5.1)
    public required string PresentationDay { get; init; }
    public required string RunningOrder { get; init; }
    public required string Order { get; init; }
    public required string NotPresented { get; init; }
    public required string Presenting { get; init; }
    public required string ScoringClosed { get; init; }
    public required string OpenCase { get; init; }
    public required string CloseCase { get; init; }
    public required string OpenNext { get; init; }
    public required string NoCaseOpen { get; init; }
    public required string AllPresented { get; init; }
    public required string OpenedAt { get; init; }
    public required string Elapsed { get; init; }
    public required string NotLive { get; init; }
    public required string DayConflict { get; init; }
    public required Func<string, string> NextUp { get; init; }
    public required string Ceremony { get; init; }
    public required string AllResults { get; init; }
    public required Func<int, int, string> CeremonyStep { get; init; }

    // Values of the product's data
    public required IReadOnlyDictionary<string, string> Phases { get; init; }
    public required IReadOnlyDictionary<string, string> CaseStates { get; init; }
    public required IReadOnlyDictionary<string, string> RuntimeStatuses { get; init; }
    public required IReadOnlyDictionary<string, string> Methods { get; init; }
    public required IReadOnlyDictionary<string, string> AuditActions { get; init; }
    public required IReadOnlyDictionary<string, string> OperatorActions { get; init; }
    public required Func<string, int, int, string> RoundProgress { get; init; }
    public required Func<string, IReadOnlyList<string>, IReadOnlyList<string>, string> CaseProgress { get; init; }

    public bool IsKorean => Language == "ko";

    public string OtherLanguage => IsKorean ? "en" : "ko";

    // The word tables are keyed by the wire strings: the same keys a translator sees in the API and the statuses.
    public string PhaseName(Storage.RoundPhase phase) => Word(Phases, WireNames.ToWire(phase));

    public string CaseState(Storage.CaseStatus status) => Word(CaseStates, WireNames.ToWire(status));

    public string CaseState(Workflow.CasePhase phase) => Word(CaseStates, WireNames.ToWire(phase));

    public string Runtime(string status) => Word(RuntimeStatuses, status);

    public string Method(string method) => Word(Methods, method);

    public string AuditAction(string action) => Word(AuditActions, action);

    public string OperatorAction(string key) => Word(OperatorActions, key);

    /// <summary>A value the product wrote that has no word yet shows as itself rather than failing the page;
    /// the tests list every value the product writes, so that only happens for data older than this code.</summary>
    static string Word(IReadOnlyDictionary<string, string> words, string value) => words.TryGetValue(value, out var word) ? word : value;
}
