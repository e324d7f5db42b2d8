namespace ReviewBot.Dashboard;

/// <summary><c>/dashboard/login</c>: a form that posts the admin token once and leaves a session cookie.</summary>
internal static class LoginPage
{
    public static string Render(string? error, DateTimeOffset now) =>
        DashboardLayout.Page("Sign in", DashboardPage.None, html =>
        {
            html.Open("form", ("class", "login"), ("method", "post"), ("action", "/dashboard/login"))
                .Element("h1", "Dashboard")
                .Element("p", "Enter the admin token (Admin:Token) this ReviewBot was configured with.", ("class", "muted"))
                .Element("label", "Admin token", ("for", "token"))
                .Void("input", ("id", "token"), ("name", "token"), ("type", "password"), ("autocomplete", "current-password"), ("required", "required"), ("autofocus", "autofocus"))
                .Element("button", "Sign in", ("type", "submit"));
            if (error is not null)
            {
                html.Element("p", error, ("class", "error"), ("role", "alert"));
            }

            html.Close("form");
        }, now);
}
