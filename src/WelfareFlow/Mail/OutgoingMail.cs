namespace WelfareFlow.Mail;

/// <summary>One message. <see cref="Key"/> says what is sent to whom (e.g. <c>judge-invitation|judge-1|v1</c>):
/// the outbox sends each key of a round once, however often a step is retried.</summary>
public sealed record OutgoingMail(string RoundId, string Key, string Kind, string ToName, string ToAddress, string Subject, string Text, string Html);
