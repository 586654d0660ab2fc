namespace WelfareFlow.Ops;

/// <summary>The sign-in form: where to go after it, and whether the last try was refused.</summary>
public sealed record SignInModel(OpsFrame Frame, string ReturnUrl, string? Error);
