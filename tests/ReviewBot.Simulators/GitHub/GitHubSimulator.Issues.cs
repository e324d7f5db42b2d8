namespace ReviewBot.Simulators.GitHub;

/// <summary>A conversation comment on a pull request as the simulator holds it, with its reactions (content, login).</summary>
public sealed record SimulatedIssueComment(long Id, string Body, string UserLogin, IReadOnlyList<(string Content, string Login)> Reactions);

public sealed partial class GitHubSimulator
{
    /// <summary>Gives <paramref name="login"/> a permission on <paramref name="repository"/>: <c>admin</c>, <c>write</c>, <c>read</c> or <c>none</c>, with a role (default the same word; <c>maintain</c> has permission <c>write</c>).</summary>
    public void SetPermission(string repository, string login, string permission, string? role = null)
    {
        lock (State.Gate)
        {
            State.Repository(repository);
            State.Permissions[(repository.ToUpperInvariant(), login.ToUpperInvariant())] = (permission, role ?? permission);
        }
    }

    /// <summary>Every conversation comment of the pull request, oldest first.</summary>
    public IReadOnlyList<SimulatedIssueComment> GetIssueComments(string repository, int number)
    {
        lock (State.Gate)
        {
            var pr = Pull(repository, number);
            return [.. State.IssueComments.Where(c => c.PullRequest == pr)
                .Select(static c => new SimulatedIssueComment(c.Id, c.Body, c.UserLogin, [.. c.Reactions.Select(static r => (r.Content, r.UserLogin))]))];
        }
    }
}
