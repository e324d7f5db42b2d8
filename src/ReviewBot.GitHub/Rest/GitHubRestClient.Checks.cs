namespace ReviewBot.GitHub.Rest;

public sealed partial class GitHubRestClient
{
    /// <summary><c>POST /repos/{owner}/{repo}/check-runs</c> (needs <c>name</c> and <c>head_sha</c>).</summary>
    public Task<GitHubResult<CheckRun>> CreateCheckRunAsync(GitHubCall call, RepositoryName repository, CheckRunRequest checkRun, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Post, $"{repository.Path}/check-runs", checkRun, GitHubJsonContext.Default.CheckRunRequest, GitHubJsonContext.Default.CheckRun, cancellationToken);

    /// <summary><c>PATCH /repos/{owner}/{repo}/check-runs/{id}</c>.</summary>
    public Task<GitHubResult<CheckRun>> UpdateCheckRunAsync(GitHubCall call, RepositoryName repository, long checkRunId, CheckRunRequest checkRun, CancellationToken cancellationToken) =>
        WriteAsync(call, HttpMethod.Patch, Path(repository, $"check-runs/{checkRunId}"), checkRun, GitHubJsonContext.Default.CheckRunRequest, GitHubJsonContext.Default.CheckRun, cancellationToken);
}
