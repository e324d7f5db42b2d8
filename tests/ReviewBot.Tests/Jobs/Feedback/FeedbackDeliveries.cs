using System.Text;
using System.Text.Json.Nodes;
using ReviewBot.Tests.Support;

namespace ReviewBot.Tests.Jobs.Feedback;

/// <summary>Feedback deliveries built from the recorded (or schema-written) payloads of Codertocat/Hello-World#2.</summary>
internal static class FeedbackDeliveries
{
    /// <summary><c>pull_request_review_comment</c>: <paramref name="login"/> replies <paramref name="body"/> to comment <paramref name="parentId"/>.</summary>
    public static byte[] Reply(string action, long replyId, long parentId, string login, string association, string body)
    {
        var payload = Load("pull_request_review_comment", "created");
        payload["action"] = action;
        var comment = payload["comment"]!;
        comment["id"] = replyId;
        comment["in_reply_to_id"] = parentId;
        comment["user"]!["login"] = login;
        comment["user"]!["type"] = "User";
        comment["author_association"] = association;
        comment["body"] = body;
        payload["sender"]!["login"] = login;
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    /// <summary><c>pull_request_review_thread</c>: <paramref name="login"/> resolves (or unresolves) the thread opened by comment <paramref name="commentId"/>.</summary>
    public static byte[] Thread(string action, long commentId, string login)
    {
        var payload = Load("pull_request_review_thread", action);
        var opening = payload["thread"]!["comments"]![0]!;
        opening["id"] = commentId;
        ((JsonObject)opening).Remove("in_reply_to_id");
        payload["sender"]!["login"] = login;
        return Encoding.UTF8.GetBytes(payload.ToJsonString());
    }

    private static JsonNode Load(string eventName, string action) =>
        JsonNode.Parse(File.ReadAllBytes(RepositoryPaths.Payload(Path.Combine(eventName, action + ".payload.json"))))!;
}
