namespace Dce.AppHost.Hosting;

/// <summary>A middleware server started from the OS packages, with the same connection string shape as its container.</summary>
public sealed class LocalServerResource(string name, string command, string workingDirectory, string connectionString)
    : ExecutableResource(name, command, workingDirectory), IResourceWithConnectionString
{
    /// <inheritdoc />
    public ReferenceExpression ConnectionStringExpression { get; } = ReferenceExpression.Create($"{connectionString}");
}
