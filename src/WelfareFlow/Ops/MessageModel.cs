namespace WelfareFlow.Ops;

/// <summary>A page that only says something (not found, not allocated yet) and where to go back to.</summary>
public sealed record MessageModel(OpsFrame Frame, string Heading, string Message, string Back);
