namespace Dce.Upgrade.Tests.Releases;

/// <summary>
/// The release running before an upgrade, recorded in <c>releases/previous-commit</c>: the commit whose modules must keep
/// serving on the schema the current release's migrations leave behind.
/// </summary>
internal static class PreviousRelease
{
    public const string RecordPath = "releases/previous-commit";

    /// <summary>The recorded commit, checked to be in the local history.</summary>
    public static async Task<string> CommitAsync()
    {
        var commit = (await File.ReadAllTextAsync(Path.Combine(Repository.Root, RecordPath))).Trim();
        if (!await IsInHistoryAsync(commit))
        {
            throw new InvalidOperationException(
                $"The previous release {commit} (from {RecordPath}) is not in this clone's history, so the upgrade cannot be checked against it. " +
                $"A shallow clone lacks it: run `git fetch --unshallow` (or `git fetch origin {commit}`) and run the tests again.");
        }

        return commit;
    }

    private static async Task<bool> IsInHistoryAsync(string commit) =>
        (await Git.RunAsync("cat-file", "-e", $"{commit}^{{commit}}")).Succeeded;
}
