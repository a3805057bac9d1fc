; IdeoDesk 公文组稿台 — per-user Windows installer (Inno Setup 6.3 or later).
;
; Build the bundle first (pyinstaller.spec also renders build\icon\ideodesk.ico), then:
;   "%ProgramFiles(x86)%\Inno Setup 6\ISCC.exe" packaging\windows\ideodesk.iss
; Output: dist\installer\IdeoDesk-<version>-setup.exe
;
; * No administrator rights: installs into %LOCALAPPDATA%\Programs\IdeoDesk, with Start-menu
;   and desktop shortcuts for the current user only.
; * The user's data (drafts, phrase bank, backups, settings) lives in %LOCALAPPDATA%\IdeoDesk,
;   outside the install folder: an upgrade replaces the program and never touches the data
;   (the app migrates its databases itself on first start); the uninstaller keeps the data
;   unless the user ticks “同时删除我的数据” (and confirms).
; * Same AppId for every version: installing a newer version upgrades in place.
; * This file is UTF-8 with a byte-order mark (Inno Setup needs the BOM for Chinese text).

#define AppName "IdeoDesk 公文组稿台"
#define BundleDir "..\..\dist\ideodesk"
#ifndef AppVersion
  ; from the version resource pyinstaller.spec writes into the exe (ideodesk.__version__)
  #define AppVersion GetVersionNumbersString(AddBackslash(SourcePath) + BundleDir + "\ideodeskw.exe")
#endif

[Setup]
AppId={{B17A0AF7-9714-4F53-8DFA-733EBC667D52}
AppName={#AppName}
AppVersion={#AppVersion}
AppVerName={#AppName} {#AppVersion}
AppPublisher=IdeoDesk
VersionInfoVersion={#AppVersion}
VersionInfoProductName={#AppName}
VersionInfoDescription={#AppName} 安装程序
; per user, no UAC prompt; {autopf} is then %LOCALAPPDATA%\Programs
PrivilegesRequired=lowest
DefaultDirName={autopf}\IdeoDesk
DisableProgramGroupPage=yes
UsePreviousAppDir=yes
UsePreviousTasks=yes
OutputDir=..\..\dist\installer
OutputBaseFilename=IdeoDesk-{#AppVersion}-setup
SetupIconFile=..\..\build\icon\ideodesk.ico
UninstallDisplayIcon={app}\ideodeskw.exe
UninstallDisplayName={#AppName}
WizardStyle=modern
Compression=lzma2/max
SolidCompression=yes
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
; Qt 6 needs Windows 10 or later
MinVersion=10.0
; an upgrade asks a running IdeoDesk to close (it saves on close) instead of failing on locked files
CloseApplications=yes
RestartApplications=no
ShowLanguageDialog=no

[Languages]
; Inno Setup 6.5+ ships Simplified Chinese; with an older compiler, put ChineseSimplified.isl
; (Inno Setup's translation) beside this script.
#if FileExists(AddBackslash(CompilerPath) + "Languages\ChineseSimplified.isl")
Name: "zh"; MessagesFile: "compiler:Languages\ChineseSimplified.isl"
#elif FileExists(AddBackslash(SourcePath) + "ChineseSimplified.isl")
Name: "zh"; MessagesFile: "ChineseSimplified.isl"
#else
  #pragma message "ChineseSimplified.isl not found: the installer's own pages will be in English"
Name: "en"; MessagesFile: "compiler:Default.isl"
#endif

[CustomMessages]
DesktopIcon=在桌面创建快捷方式
ShortcutsGroup=快捷方式：
Launch=启动 {#AppName}
ShortcutComment=组稿、规范表述词库、校对、导出 Word（离线使用）

[Tasks]
Name: "desktopicon"; Description: "{cm:DesktopIcon}"; GroupDescription: "{cm:ShortcutsGroup}"

[InstallDelete]
; A new version brings its own libraries: clear the previous version's program files so none
; linger.  Only the install folder is touched; the data folder is elsewhere.
Type: filesandordirs; Name: "{app}\_internal"

[Files]
Source: "{#BundleDir}\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{autoprograms}\{#AppName}"; Filename: "{app}\ideodeskw.exe"; WorkingDir: "{userdocs}"; Comment: "{cm:ShortcutComment}"
Name: "{autodesktop}\{#AppName}"; Filename: "{app}\ideodeskw.exe"; WorkingDir: "{userdocs}"; Comment: "{cm:ShortcutComment}"; Tasks: desktopicon

[Run]
Filename: "{app}\ideodeskw.exe"; Description: "{cm:Launch}"; Flags: nowait postinstall skipifsilent

[UninstallDelete]
Type: dirifempty; Name: "{app}"

[Code]
var
  DeleteUserData: Boolean;

{ Where the app keeps the user's data (platformdirs.user_data_dir("IdeoDesk"), not roaming). }
function DataDir(): String;
begin
  Result := ExpandConstant('{localappdata}\IdeoDesk');
end;

{ Any ideodesk.exe / ideodeskw.exe running (WMI); False when WMI cannot be asked. }
function IsAppRunning(): Boolean;
var
  Locator, Service, Found: Variant;
begin
  Result := False;
  try
    Locator := CreateOleObject('WbemScripting.SWbemLocator');
    Service := Locator.ConnectServer('.', 'root\CIMV2');
    Found := Service.ExecQuery('SELECT ProcessId FROM Win32_Process WHERE Name = ''ideodeskw.exe'' OR Name = ''ideodesk.exe''');
    Result := Found.Count > 0;
  except
    Result := False;
  end;
end;

function InitializeUninstall(): Boolean;
begin
  Result := True;
  while (not UninstallSilent()) and IsAppRunning() do
  begin
    if MsgBox('IdeoDesk 公文组稿台正在运行。请先保存并关闭它，再点“重试”。', mbError, MB_RETRYCANCEL) = IDCANCEL then
    begin
      Result := False;
      Exit;
    end;
  end;
end;

{ A small dialog with an unticked box: the data is kept unless the user asks otherwise. }
function AskDeleteUserData(): Boolean;
var
  Form: TSetupForm;
  Note: TNewStaticText;
  Box: TNewCheckBox;
  OK: TNewButton;
begin
  Result := False;
  Form := CreateCustomForm(ScaleX(460), ScaleY(190), False, False);
  try
    Form.Caption := '卸载 {#AppName}';
    Note := TNewStaticText.Create(Form);
    Note.Parent := Form;
    Note.AutoSize := False;
    Note.WordWrap := True;
    Note.Left := ScaleX(16);
    Note.Top := ScaleY(16);
    Note.Width := Form.ClientWidth - ScaleX(32);
    Note.Height := ScaleY(80);
    Note.Caption := '程序文件将被删除。您的草稿、词库、备份和设置保存在：' + #13#10 + DataDir() + #13#10 +
      '默认保留：重新安装后可继续使用，也可以先把这个文件夹复制到别处备份。';
    Box := TNewCheckBox.Create(Form);
    Box.Parent := Form;
    Box.Left := ScaleX(16);
    Box.Top := Note.Top + Note.Height + ScaleY(8);
    Box.Width := Form.ClientWidth - ScaleX(32);
    Box.Height := ScaleY(22);
    Box.Caption := '同时删除我的数据（草稿、词库、备份，无法恢复）';
    Box.Checked := False;
    OK := TNewButton.Create(Form);
    OK.Parent := Form;
    OK.Caption := '确定';
    OK.ModalResult := mrOk;
    OK.Default := True;
    OK.Width := ScaleX(90);
    OK.Height := ScaleY(28);
    OK.Left := Form.ClientWidth - OK.Width - ScaleX(16);
    OK.Top := Form.ClientHeight - OK.Height - ScaleY(14);
    Form.ActiveControl := OK;
    if (Form.ShowModal() = mrOk) and Box.Checked then
      Result := MsgBox('确定要永久删除' + #13#10 + DataDir() + #13#10 + '中的全部草稿和词库吗？',
        mbConfirmation, MB_YESNO or MB_DEFBUTTON2) = IDYES;
  finally
    Form.Free();
  end;
end;

procedure CurUninstallStepChanged(CurUninstallStep: TUninstallStep);
begin
  { a silent uninstall (/SILENT, /VERYSILENT) never deletes the data }
  if (CurUninstallStep = usUninstall) and (not UninstallSilent()) and DirExists(DataDir()) then
    DeleteUserData := AskDeleteUserData();
  if (CurUninstallStep = usPostUninstall) and DeleteUserData then
    if not DelTree(DataDir(), True, True, True) then
      MsgBox('有些数据未能删除（可能仍在使用）：' + #13#10 + DataDir(), mbError, MB_OK);
end;
