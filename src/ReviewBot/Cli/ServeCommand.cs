using System.CommandLine;
using Microsoft.Extensions.Options;

namespace ReviewBot.Cli;

/// <summary><c>reviewbot serve</c>: the GitHub App: webhook intake, durable review jobs, health checks.</summary>
internal static class ServeCommand
{
    public static Command Create()
    {
        var urls = new Option<string>("--urls") { Description = "Where to listen, e.g. http://0.0.0.0:8080 (default http://localhost:5000)." };
        var role = new Option<ServeRole>("--role") { Description = "all (default), web (receive and queue only) or worker (run jobs only).", DefaultValueFactory = _ => ServeRole.All };
        var insecure = new Option<bool>("--insecure-dev") { Description = "Accept unsigned deliveries when no webhook secret is set. Local development only." };
        var command = new Command("serve", "Run the GitHub App: receive webhooks, queue and run reviews.") { urls, role, insecure };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var args = new List<string> { $"--{ReviewBotHost.RoleKey}={parse.GetValue(role)}" };
            if (parse.GetValue(urls) is { } listen)
            {
                args.Add($"--urls={listen}");
            }

            if (parse.GetValue(insecure))
            {
                args.Add("--Webhooks:AllowUnsigned=true");
            }

            try
            {
                await using var app = ReviewBotHost.Build([.. args]);
                await app.RunAsync(cancellationToken).ConfigureAwait(false);
                return 0;
            }
            catch (OptionsValidationException ex)
            {
                await Console.Error.WriteLineAsync("reviewbot serve: invalid configuration:\n  " + string.Join("\n  ", ex.Failures)).ConfigureAwait(false);
                return 2;
            }
            catch (AggregateException ex) when (ex.InnerExceptions.All(static e => e is OptionsValidationException))
            {
                var failures = ex.InnerExceptions.Cast<OptionsValidationException>().SelectMany(static e => e.Failures);
                await Console.Error.WriteLineAsync("reviewbot serve: invalid configuration:\n  " + string.Join("\n  ", failures)).ConfigureAwait(false);
                return 2;
            }
        });
        return command;
    }
}
