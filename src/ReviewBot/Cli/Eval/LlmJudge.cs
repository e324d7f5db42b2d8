using Microsoft.Extensions.AI;
using ReviewBot.Core.Evaluation;
using ReviewBot.Core.Pipeline;

namespace ReviewBot.Cli.Eval;

/// <summary>
/// Asks a language model, with the versioned <see cref="JudgePrompt"/> rubric, whether a comment on a tamper's lines
/// explains the inserted bug. Only comments that overlap the bug are judged (CBI needs both); a failed request counts
/// as no verdict, never as a catch.
/// </summary>
internal sealed partial class LlmJudge(IChatClient chat, ILogger<LlmJudge> logger)
{
    public static string PromptVersion => JudgePrompt.Version;

    /// <summary>True when some comment on the bug is judged to explain it; false when none is (or none is on it); null when every request failed.</summary>
    public async Task<bool?> JudgeAsync(EvalCase evalCase, IReadOnlyList<ReviewComment> comments, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(evalCase);
        ArgumentNullException.ThrowIfNull(comments);
        var onBug = comments.Where(c => CaseScoring.Overlaps(evalCase, c.Path, c.StartLine ?? c.Line, c.Line)).ToList();
        if (onBug.Count == 0)
        {
            return false;
        }

        var answered = false;
        foreach (var comment in onBug)
        {
            ChatMessage[] messages = [new(ChatRole.System, JudgePrompt.System), new(ChatRole.User, JudgePrompt.User(evalCase, comment))];
            try
            {
                var response = await chat.GetResponseAsync(messages, new ChatOptions { Temperature = 0, MaxOutputTokens = 8 }, cancellationToken).ConfigureAwait(false);
                var verdict = JudgePrompt.Parse(response.Text);
                answered |= verdict is not null;
                if (verdict == true)
                {
                    return true;
                }
            }
            catch (Exception ex) when (ex is HttpRequestException or System.ClientModel.ClientResultException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                Log.JudgeFailed(logger, ex, evalCase.Id);
            }
        }

        return answered ? false : null;
    }

    private static partial class Log
    {
        [LoggerMessage(EventId = 7001, Level = LogLevel.Warning, Message = "The judge could not grade {CaseId}")]
        public static partial void JudgeFailed(ILogger logger, Exception exception, string caseId);
    }
}
