namespace Dce.Upgrade.Tests.ExpandOnly;

/// <summary>
/// A line of <c>releases/contract-steps</c>: migration <c>Migration</c> may perform <c>Operation</c> because the release at
/// <c>StoppedUsingIn</c> no longer used what it removes.
/// </summary>
internal sealed record ContractStep(string Migration, string Operation, string StoppedUsingIn)
{
    public const string RecordPath = "releases/contract-steps";

    public static IReadOnlyList<ContractStep> Parse(string text) =>
    [
        .. text.Split('\n')
            .Select(line => line.Split('#', 2)[0].Trim())
            .Where(line => line.Length > 0)
            .Select(line => line.Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries))
            .Select(fields => fields.Length == 3
                ? new ContractStep(fields[0], fields[1], fields[2])
                : throw new FormatException($"{RecordPath}: expected '<migration> <operation> <commit>' but found '{string.Join(' ', fields)}'.")),
    ];

    /// <summary>Whether this step allows <paramref name="operation"/> (<c>DropColumn</c>, or a longer description starting with one) in <paramref name="migration"/>.</summary>
    public bool Allows(string migration, string operation) =>
        Migration == migration && operation.Split(' ')[0] == Operation;
}
