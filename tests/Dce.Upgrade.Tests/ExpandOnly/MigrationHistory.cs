using Dce.Upgrade.Tests.Releases;

namespace Dce.Upgrade.Tests.ExpandOnly;

/// <summary>The migrations in the working tree compared with those of the previous release, from git history.</summary>
internal static class MigrationHistory
{
    public static IReadOnlyList<string> Current() =>
    [
        .. Directory.EnumerateFiles(Path.Combine(Repository.Root, "modules"), "*.cs", SearchOption.AllDirectories)
            .Select(path => Path.GetRelativePath(Repository.Root, path).Replace('\\', '/'))
            .Where(path => !path.Contains("/bin/", StringComparison.Ordinal) && !path.Contains("/obj/", StringComparison.Ordinal))
            .Where(MigrationFile.IsMigrationPath)
            .Order(StringComparer.Ordinal),
    ];

    public static async Task<IReadOnlyList<string>> AtAsync(string commit) =>
    [
        .. (await Git.OutputAsync("ls-tree", "-r", "--name-only", commit, "--", "modules"))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries)
            .Where(MigrationFile.IsMigrationPath),
    ];

    /// <summary>The migrations of <paramref name="commit"/> whose text differs in the working tree (already applied in production).</summary>
    public static async Task<IReadOnlyList<string>> ChangedSinceAsync(string commit, IReadOnlyList<string> released) =>
    [
        .. (await Git.OutputAsync(["diff", "--name-only", commit, "--", .. released]))
            .Split('\n', StringSplitOptions.RemoveEmptyEntries),
    ];

    public static async Task<bool> IsAncestorOrSameAsync(string commit, string descendant) =>
        (await Git.RunAsync("merge-base", "--is-ancestor", commit, descendant)).Succeeded;
}
