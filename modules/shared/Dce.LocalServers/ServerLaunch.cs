namespace Dce.LocalServers;

/// <summary>How to start one middleware server from the OS packages: the command, its arguments and environment.</summary>
public sealed record ServerLaunch(string Command, IReadOnlyList<string> Arguments, IReadOnlyDictionary<string, string> Environment, string WorkingDirectory);
