namespace WelfareFlow.Evaluation; internal static class Placeholder { }
