namespace Dce.Multicloud.Engine.Overrides;

/// <summary>An override that cannot be applied as written; the message says which override and what to fix.</summary>
public sealed class OverrideException : Exception
{
    public OverrideException(string message)
        : base(message)
    {
    }

    public OverrideException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    public OverrideException()
    {
    }
}
