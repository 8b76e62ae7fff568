namespace Dce.Upgrade.Tests.ExpandOnly;

/// <summary>An operation in a migration's <c>Up</c> that the previous release, still serving, may break on.</summary>
internal sealed record UnsafeOperation(string Operation, string Call);
