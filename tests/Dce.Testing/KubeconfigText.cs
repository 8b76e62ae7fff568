namespace Dce.Testing;

/// <summary>Kubeconfig texts for the tests: one cluster, one user, one context.</summary>
public static class KubeconfigText
{
    public const string InlineUser = "token: inline-token";

    /// <summary>A kubeconfig with one cluster at <paramref name="server"/> and one user (<paramref name="user"/>: the user's fields).</summary>
    public static string For(string server, string user = InlineUser, string cluster = "") => $"""
        apiVersion: v1
        kind: Config
        clusters:
        - name: target
          cluster:
            server: {server}
        {Indent(cluster, 4)}
        users:
        - name: someone
          user:
        {Indent(user, 4)}
        contexts:
        - name: target
          context:
            cluster: target
            user: someone
        current-context: target
        """;

    private static string Indent(string text, int spaces) =>
        string.Join('\n', text.Split('\n').Select(line => line.Length == 0 ? line : new string(' ', spaces) + line));
}
