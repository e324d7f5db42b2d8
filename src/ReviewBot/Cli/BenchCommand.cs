using System.CommandLine;
using ReviewBot.Cli.Bench;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot bench</c>: measurements that print figures (never asserted in tests).</summary>
internal static class BenchCommand
{
    public static Command Create()
    {
        var bench = new Command("bench", "Measure ReviewBot's speed and memory on this machine.");
        bench.Subcommands.Add(IntakeBenchmark.CreateCommand());
        bench.Subcommands.Add(ReviewBenchmark.CreateCommand());
        bench.Subcommands.Add(RewardModelBenchmark.CreateCommand());
        bench.Subcommands.Add(ExportBenchmark.CreateCommand());
        return bench;
    }
}
