using Kolosseum.Yaml;

namespace Kolosseum.Scenarios;

/// <summary>
/// A top-level scenario section owned by one area (<c>reliability:</c>, <c>power:</c>, ...). The loader
/// finds implementations by reflection, reads their key, and reports unknown top-level keys against
/// the set of registered ones. <c>Read</c> gets null when the section is absent and then returns the
/// documented defaults (every default is echoed in the resolved scenario).
/// </summary>
public interface IScenarioSection<TSelf> where TSelf : class, IScenarioSection<TSelf>
{
    static abstract string Key { get; }

    static abstract TSelf Read(FieldReader? section, ScenarioContext context);
}

/// <summary>A section that sits inside each cluster option (<c>options[i].fabric</c>, <c>options[i].buildout</c>, ...).</summary>
public interface IOptionSection<TSelf> where TSelf : class, IOptionSection<TSelf>
{
    static abstract string Key { get; }

    static abstract TSelf Read(FieldReader? section, OptionContext context);
}
