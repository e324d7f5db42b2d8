namespace ReviewBot.Simulators.GitHub;

public sealed partial class GitHubSimulator
{
    /// <summary>Every review of the pull request, pending ones included, oldest first.</summary>
    public IReadOnlyList<SimulatedReview> GetReviews(string repository, int number)
    {
        lock (State.Gate)
        {
            var pr = Pull(repository, number);
            return [.. State.Reviews.Where(r => r.PullRequest == pr).Select(r => new SimulatedReview(
                r.Id, r.State, r.Body, r.CommitId, r.UserLogin, [.. State.Comments.Where(c => c.ReviewId == r.Id).Select(ToPublic)]))];
        }
    }

    /// <summary>Every review comment of the pull request (replies and pending ones included), oldest first.</summary>
    public IReadOnlyList<SimulatedReviewComment> GetReviewComments(string repository, int number)
    {
        lock (State.Gate)
        {
            var pr = Pull(repository, number);
            return [.. State.Comments.Where(c => c.PullRequest == pr).Select(ToPublic)];
        }
    }

    public IReadOnlyList<SimulatedCheckRun> GetCheckRuns(string repository)
    {
        lock (State.Gate)
        {
            return [.. State.CheckRuns.Where(c => string.Equals(c.Repository.FullName, repository, StringComparison.OrdinalIgnoreCase))
                .Select(static c => new SimulatedCheckRun(c.Id, c.Name, c.HeadSha, c.Status, c.Conclusion, c.Title, c.Summary))];
        }
    }

    /// <summary>A reaction by <paramref name="login"/> on a review comment, as a maintainer would click it.</summary>
    public void AddReaction(long reviewCommentId, string content, string login)
    {
        lock (State.Gate)
        {
            var comment = State.Comments.Find(c => c.Id == reviewCommentId)
                ?? throw new InvalidOperationException($"No review comment {reviewCommentId}");
            comment.Reactions.Add(new SimReaction(State.NextId(), content, login, Options.TimeProvider.GetUtcNow()));
        }
    }

    /// <summary>Takes back the reaction <paramref name="content"/> of <paramref name="login"/> on a review comment.</summary>
    public void RemoveReaction(long reviewCommentId, string content, string login)
    {
        lock (State.Gate)
        {
            var comment = State.Comments.Find(c => c.Id == reviewCommentId)
                ?? throw new InvalidOperationException($"No review comment {reviewCommentId}");
            comment.Reactions.RemoveAll(r => r.Content == content && string.Equals(r.UserLogin, login, StringComparison.OrdinalIgnoreCase));
        }
    }

    /// <summary>What GitHub reports as <c>author_association</c> for <paramref name="login"/>'s comments (e.g. CONTRIBUTOR).</summary>
    public void SetAuthorAssociation(string login, string association)
    {
        lock (State.Gate)
        {
            State.Associations[login] = association;
        }
    }

    /// <summary>A conversation comment on the pull request; returns its id.</summary>
    public long AddIssueComment(string repository, int number, string body, string login)
    {
        lock (State.Gate)
        {
            var id = State.NextId();
            State.IssueComments.Add(new SimIssueComment
            {
                Id = id,
                PullRequest = Pull(repository, number),
                Body = body,
                UserLogin = login,
                CreatedAt = Options.TimeProvider.GetUtcNow(),
            });
            return id;
        }
    }

    /// <summary>A reaction by <paramref name="login"/> on a conversation comment.</summary>
    public void AddIssueCommentReaction(long issueCommentId, string content, string login)
    {
        lock (State.Gate)
        {
            var comment = State.IssueComments.Find(c => c.Id == issueCommentId)
                ?? throw new InvalidOperationException($"No issue comment {issueCommentId}");
            comment.Reactions.Add(new SimReaction(State.NextId(), content, login, Options.TimeProvider.GetUtcNow()));
        }
    }

    /// <summary>A reply by a person to a review comment (threads someone replied to must never be deleted or edited).</summary>
    public long AddReply(long reviewCommentId, string body, string login)
    {
        lock (State.Gate)
        {
            var parent = State.Comments.Find(c => c.Id == reviewCommentId)
                ?? throw new InvalidOperationException($"No review comment {reviewCommentId}");
            var reply = SimulatorEndpoints.NewReply(this, parent, body, new SimCaller(login, "User", "user:" + login, null));
            return reply.Id;
        }
    }

    private static SimulatedReviewComment ToPublic(SimComment c) =>
        new(c.Id, c.ReviewId, c.Path, c.Line, c.StartLine, c.Side, c.Body, c.InReplyTo, c.SubjectType, c.CommitId, c.UserLogin);
}
