namespace WelfareFlow.Evaluation;

/// <summary>
/// One broken rule. <paramref name="Field"/> is the camelCase JSON path as the client sent it
/// (e.g. <c>criteria.creativity</c>, <c>districts[2].id</c>) so the API can return it as a field error.
/// </summary>
public sealed record ValidationError(string Field, string Message);
