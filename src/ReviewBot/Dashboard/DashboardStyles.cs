namespace ReviewBot.Dashboard;

/// <summary>The dashboard's stylesheet, served as <c>/dashboard/assets/dashboard.css</c> (the CSP allows no inline styles).</summary>
internal static class DashboardStyles
{
    public const string Path = "/dashboard/assets/dashboard.css";

    public const string Css =
        """
        :root {
          --bg: #f5f6f8; --surface: #ffffff; --text: #1b1f24; --muted: #57606a; --border: #d8dee4;
          --accent: #0b62a4; --accent-soft: #e6f0fa; --nav: #16202b; --nav-text: #e8edf2;
          --good: #116329; --good-soft: #dcf5e3; --bad: #a40e26; --bad-soft: #fde2e4;
          --warn: #7a4a00; --warn-soft: #fff1cc; --neutral-soft: #eef1f4;
        }
        * { box-sizing: border-box; }
        html { font-size: 15px; }
        body { margin: 0; background: var(--bg); color: var(--text); line-height: 1.5;
          font-family: system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", "Helvetica Neue", Arial, sans-serif; }
        a { color: var(--accent); text-decoration: none; }
        a:hover, a:focus-visible { text-decoration: underline; }
        :focus-visible { outline: 3px solid #f4b400; outline-offset: 2px; }
        header.top { background: var(--nav); color: var(--nav-text); }
        header.top .bar { max-width: 1240px; margin: 0 auto; padding: 0 24px; display: flex; align-items: center; gap: 32px; min-height: 56px; }
        header.top .brand { font-weight: 700; font-size: 1.1rem; letter-spacing: .01em; color: #fff; }
        header.top .brand span { color: #8cc8ff; }
        nav.main { display: flex; gap: 4px; flex-wrap: wrap; }
        nav.main a { color: var(--nav-text); padding: 16px 12px; border-bottom: 3px solid transparent; }
        nav.main a:hover { text-decoration: none; background: rgba(255,255,255,.06); }
        nav.main a[aria-current="page"] { border-bottom-color: #8cc8ff; color: #fff; font-weight: 600; }
        main { max-width: 1240px; margin: 0 auto; padding: 28px 24px 48px; }
        h1 { font-size: 1.6rem; margin: 0 0 4px; }
        h2 { font-size: 1.15rem; margin: 0 0 12px; }
        p.lead { color: var(--muted); margin: 0 0 24px; }
        .cards { display: grid; grid-template-columns: repeat(auto-fit, minmax(190px, 1fr)); gap: 16px; margin-bottom: 24px; }
        .card, section.panel { background: var(--surface); border: 1px solid var(--border); border-radius: 10px; }
        .card { padding: 16px 18px; }
        .card .label { color: var(--muted); font-size: .85rem; }
        .card .value { font-size: 1.7rem; font-weight: 700; margin-top: 2px; font-variant-numeric: tabular-nums; }
        .card .hint { color: var(--muted); font-size: .8rem; }
        section.panel { padding: 20px 22px; margin-bottom: 24px; overflow-x: auto; }
        section.panel > header { display: flex; justify-content: space-between; align-items: baseline; gap: 16px; margin-bottom: 8px; }
        section.panel > header p { margin: 0; color: var(--muted); font-size: .88rem; }
        .grid2 { display: grid; grid-template-columns: repeat(auto-fit, minmax(480px, 1fr)); gap: 24px; }
        figure.chart { margin: 0; }
        figure.chart svg { display: block; max-width: 100%; height: auto; margin: 0 auto; }
        figure.chart figcaption { color: var(--muted); font-size: .85rem; margin-top: 6px; }
        table { width: 100%; border-collapse: collapse; font-size: .92rem; }
        th, td { text-align: left; padding: 9px 10px; border-bottom: 1px solid var(--border); vertical-align: baseline; }
        th { font-size: .78rem; text-transform: uppercase; letter-spacing: .04em; color: var(--muted); font-weight: 600; background: #fafbfc; }
        tbody tr:hover { background: #f8fafc; }
        td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
        code, .mono { font-family: ui-monospace, SFMono-Regular, Menlo, Consolas, "Liberation Mono", monospace; font-size: .86em; }
        .muted { color: var(--muted); }
        .badge { display: inline-block; padding: 1px 9px; border-radius: 999px; font-size: .78rem; font-weight: 600; white-space: nowrap; }
        .badge.good { background: var(--good-soft); color: var(--good); }
        .badge.bad { background: var(--bad-soft); color: var(--bad); }
        .badge.warn { background: var(--warn-soft); color: var(--warn); }
        .badge.neutral { background: var(--neutral-soft); color: var(--muted); }
        .badge.info { background: var(--accent-soft); color: var(--accent); }
        details.comments summary { cursor: pointer; color: var(--accent); }
        ul.comments { list-style: none; margin: 10px 0 0; padding: 0; }
        ul.comments li { border-left: 3px solid var(--border); padding: 6px 0 6px 12px; margin-bottom: 10px; }
        ul.comments li .where { font-size: .85rem; color: var(--muted); }
        pre.body { white-space: pre-wrap; word-break: break-word; margin: 6px 0 0; font-family: inherit; font-size: .9rem; }
        .reactions { font-size: .85rem; margin-left: 8px; }
        .empty { text-align: center; padding: 36px 16px; color: var(--muted); }
        .empty strong { display: block; color: var(--text); font-size: 1.05rem; margin-bottom: 4px; }
        .notice { background: var(--warn-soft); color: var(--warn); border-radius: 8px; padding: 10px 14px; margin-bottom: 16px; }
        form.login { max-width: 420px; margin: 64px auto; background: var(--surface); border: 1px solid var(--border); border-radius: 12px; padding: 28px; }
        form.login label { display: block; font-weight: 600; margin-bottom: 6px; }
        form.login input { width: 100%; padding: 10px 12px; border: 1px solid var(--border); border-radius: 8px; font-size: 1rem; }
        form.login button { margin-top: 16px; width: 100%; padding: 10px; border: 0; border-radius: 8px; background: var(--accent); color: #fff; font-size: 1rem; font-weight: 600; cursor: pointer; }
        form.login .error { color: var(--bad); margin-top: 12px; }
        footer.bottom { max-width: 1240px; margin: 0 auto; padding: 0 24px 32px; color: var(--muted); font-size: .8rem; }
        @media (max-width: 640px) { .grid2 { grid-template-columns: 1fr; } header.top .bar { flex-direction: column; align-items: flex-start; gap: 0; } }
        """;
}
