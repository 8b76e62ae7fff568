using System.Runtime.CompilerServices;

[assembly: InternalsVisibleTo("Dce.Coordination.Tests")]
