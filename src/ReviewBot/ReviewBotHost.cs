namespace ReviewBot;

/// <summary>Builds the <c>serve</c> web host.</summary>
public static class ReviewBotHost
{
    /// <summary>The configuration key that carries the role when the host is started without the command line.</summary>
    public const string RoleKey = "Serve:Role";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
        configure?.Invoke(builder);
        var role = builder.Configuration.GetValue(RoleKey, ServeRole.All);
        builder.Services.AddReviewBot(builder.Configuration, role);
        var app = builder.Build();
        app.MapReviewBot(role);
        return app;
    }
}
