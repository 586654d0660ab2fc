namespace WelfareFlow; internal static class Placeholder { }
