namespace WelfareFlow.Evaluation;

/// <summary>
/// A case's value under one method. <see cref="Key"/> is what ranking compares: the score itself, except
/// for z-score where it is the mean z (the score is that mean rescaled to points, a monotone map).
/// </summary>
internal sealed record CaseAggregate(double Score, double Key, string[] Dropped, Dictionary<string, double>? ZScores, double? MeanZ);
