using System.CommandLine;

namespace ReviewBot.Cli;

/// <summary>The <c>reviewbot</c> command and its verbs.</summary>
public static class ReviewBotCommandLine
{
    public static RootCommand Create() => new("ReviewBot: reviews pull requests like CriticGPT and learns from the maintainers who read it.")
    {
        ReviewCommand.Create(),
        ServeCommand.Create(),
        ReplayCommand.Create(),
        BenchCommand.Create(),
        RmCommand.Create(),
        FeedbackCommand.Create(),
        ExportCommand.Create(),
        Eval.EvalCommand.Create(),
    };

    public static Task<int> InvokeAsync(string[] args) => Create().Parse(args).InvokeAsync();
}
