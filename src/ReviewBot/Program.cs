using ReviewBot.Cli;

namespace ReviewBot;

/// <summary>The entry point. Not static, so that tests can name it in <c>WebApplicationFactory&lt;Program&gt;</c>.</summary>
public sealed class Program
{
    private Program()
    {
    }

    public static Task<int> Main(string[] args)
    {
        // Test hosts (WebApplicationFactory) start the entry point with host settings only, such as
        // "--applicationName=reviewbot": that is `serve` with those settings.
        if (args.Length > 0 && Array.TrueForAll(args, static a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal)))
        {
            ReviewBotHost.Build(args).Run();
            return Task.FromResult(0);
        }

        return ReviewBotCommandLine.InvokeAsync(args);
    }
}
