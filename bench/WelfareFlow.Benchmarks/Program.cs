using BenchmarkDotNet.Running;
using WelfareFlow.Benchmarks;

// "--stopwatch" is a seconds-long sanity check of where the time goes; everything else goes to BenchmarkDotNet.
if (args is ["--stopwatch"])
{
    StopwatchRun.Run();
    return;
}

BenchmarkSwitcher.FromAssembly(typeof(RoundBenchmarks).Assembly).Run(args);
