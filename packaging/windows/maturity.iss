; Inno Setup 6 script: the Windows installer of «Цифровая зрелость».
; Packs the one-folder bundle dist\maturity\ (built on Windows by packaging\maturity.spec) into
; dist\maturity-<version>-setup.exe. Exact steps: packaging\windows\BUILD.md.
;
;   ISCC.exe packaging\windows\maturity.iss                      (version below)
;   ISCC.exe /DAppVersion=0.2.0 packaging\windows\maturity.iss   (another version)
;
; Saved as UTF-8 with a BOM, so that Inno Setup reads the Russian names right.

#define AppName "Цифровая зрелость"
#ifndef AppVersion
  ; keep equal to maturity.__version__ (tests/test_packaging.py checks it)
  #define AppVersion "0.1.0"
#endif
#define AppExe "maturity.exe"
#define AppCli "maturity-cli.exe"
#define BundleDir "..\..\dist\maturity"

[Setup]
; AppId identifies the program for upgrades and uninstall: never change it
AppId={{6F0B2C1E-4D7A-4E8B-9C3F-2A5D8E1B7C40}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=«Цифровая зрелость»
VersionInfoVersion={#AppVersion}
DefaultDirName={autopf}\Maturity
DefaultGroupName={#AppName}
DisableProgramGroupPage=yes
; per-user install without administrator rights is offered; all users with them
PrivilegesRequired=lowest
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
MinVersion=10.0
OutputDir=..\..\dist
OutputBaseFilename=maturity-{#AppVersion}-setup
SetupIconFile=..\icons\maturity.ico
UninstallDisplayIcon={app}\{#AppExe}
UninstallDisplayName={#AppName}
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern
; the user's database (%LOCALAPPDATA%\maturity) is not in {app}: uninstalling keeps it

[Languages]
Name: "russian"; MessagesFile: "compiler:Languages\Russian.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[InstallDelete]
; an upgrade replaces the bundle's libraries whole: files of an older version must not linger
Type: filesandordirs; Name: "{app}\_internal"

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\{#AppExe}"; Comment: "Самооценка информационной работы и цифровой зрелости"
Name: "{autoprograms}\{#AppName} — самопроверка"; Filename: "{cmd}"; Parameters: "/k ""{app}\{#AppCli}"" --self-test"; WorkingDir: "{app}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\{#AppExe}"; Tasks: desktopicon

[Run]
Filename: "{app}\{#AppExe}"; Description: "{cm:LaunchProgram,{#AppName}}"; Flags: nowait postinstall skipifsilent
