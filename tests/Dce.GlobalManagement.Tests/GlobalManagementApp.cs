using Dce.Testing.Hosts;

namespace Dce.GlobalManagement.Tests;

/// <summary>The module in-process against the real PostgreSQL and Redis: its own database and Redis database per test class.</summary>
public class GlobalManagementApp : GlobalManagementHost, IAsyncLifetime
{
    Task IAsyncLifetime.DisposeAsync() => DisposeAsync().AsTask();
}
