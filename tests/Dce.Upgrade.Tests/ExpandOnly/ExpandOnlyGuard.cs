namespace Dce.Upgrade.Tests.ExpandOnly;

/// <summary>
/// The rule for a rolling upgrade: a migration added since the previous release only expands the schema, unless its
/// contracting operation is listed as a contract step whose release had already stopped using what it removes.
/// </summary>
internal static class ExpandOnlyGuard
{
    /// <param name="added">The migrations the previous release does not have.</param>
    /// <param name="steps">The listed contract steps.</param>
    /// <param name="isReleasedBeforeUpgrade">Whether a step's commit is the previous release or older.</param>
    public static IReadOnlyList<string> Refusals(IEnumerable<MigrationFile> added, IReadOnlyList<ContractStep> steps, Func<string, bool> isReleasedBeforeUpgrade)
    {
        var refusals = new List<string>();
        foreach (var migration in added)
        {
            foreach (var unsafeOperation in MigrationOperations.FindUnsafe(migration.Text))
            {
                var step = steps.FirstOrDefault(s => s.Allows(migration.Name, unsafeOperation.Operation));
                if (step is null)
                {
                    refusals.Add($"{migration.Name} ({migration.Path}): {unsafeOperation.Operation} breaks the previous release while it still serves: " +
                        $"{unsafeOperation.Call}. Expand first; contract in a later release, listed in {ContractStep.RecordPath}.");
                }
                else if (!isReleasedBeforeUpgrade(step.StoppedUsingIn))
                {
                    refusals.Add($"{migration.Name} ({migration.Path}): {unsafeOperation.Operation} is listed in {ContractStep.RecordPath} with release " +
                        $"{step.StoppedUsingIn}, which is not the previous release or older: replicas of the previous release may still use it.");
                }
            }
        }

        return refusals;
    }
}
