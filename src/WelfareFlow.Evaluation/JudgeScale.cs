namespace WelfareFlow.Evaluation;

/// <summary>A judge's mean and population standard deviation over every case they scored in the round.</summary>
internal readonly record struct JudgeScale(int Count, double Mean, double StdDev);
