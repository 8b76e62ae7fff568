using System.Text;

namespace Dce.AppHost.Publishing.Graph;

/// <summary>
/// A parameter of the graph as the manifests see it: secret ones come from the generated Secret, the others from the
/// parameters ConfigMap; both reach a container as the environment variable <see cref="EnvironmentName"/>.
/// </summary>
public sealed record PublishedParameter(string Name, bool Secret, string? PublishedValue)
{
    /// <summary>The environment variable (and Secret or ConfigMap key) carrying the value: <c>postgres-password</c> → <c>POSTGRES_PASSWORD</c>.</summary>
    public string EnvironmentName { get; } = ToEnvironmentName(Name);

    /// <summary>Upper-case letters, digits and underscores.</summary>
    public static string ToEnvironmentName(string name)
    {
        var text = new StringBuilder(name.Length);
        foreach (var character in name)
        {
            text.Append(char.IsAsciiLetterOrDigit(character) ? char.ToUpperInvariant(character) : '_');
        }

        return text.ToString();
    }
}
