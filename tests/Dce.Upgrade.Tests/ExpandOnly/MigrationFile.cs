using System.Text.RegularExpressions;

namespace Dce.Upgrade.Tests.ExpandOnly;

/// <summary>One EF Core migration's source: <c>Name</c> is its file name without <c>.cs</c> (<c>20261129172018_RefreshTokenAuthenticatedAt</c>).</summary>
internal sealed partial record MigrationFile(string Path, string Text)
{
    public string Name => System.IO.Path.GetFileNameWithoutExtension(Path);

    /// <summary>A migration's own file (timestamp, underscore, name), not its designer file or the model snapshot.</summary>
    public static bool IsMigrationPath(string path) =>
        path.Contains("/Migrations/", StringComparison.Ordinal) && MigrationFileName().IsMatch(System.IO.Path.GetFileName(path));

    [GeneratedRegex(@"^\d{14}_\w+(?<!\.Designer)\.cs$")]
    private static partial Regex MigrationFileName();
}
