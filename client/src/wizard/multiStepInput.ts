import * as vscode from "vscode";

/**
 * A multi-step quick input in the shape of VS Code's quickinput-sample: each step shows one input and returns
 * the next step; the Back button re-runs the previous step with its last answer; Escape cancels the whole
 * flow. Steps say "n of m" in the title bar.
 */
export type Step = (input: MultiStepInput) => Promise<Step | undefined>;

class BackSignal {}
const BACK = new BackSignal();
class CancelSignal {}
const CANCEL = new CancelSignal();

export interface InputBoxOptions {
  title: string;
  step: number;
  totalSteps: number;
  value: string;
  prompt: string;
  placeholder?: string;
  /** A message shown under the box while the value is wrong; undefined when it is fine. */
  validate: (value: string) => string | undefined;
}

export interface QuickPickOptions<T extends vscode.QuickPickItem> {
  title: string;
  step: number;
  totalSteps: number;
  items: T[];
  active?: T;
  placeholder: string;
}

export class MultiStepInput {
  private readonly steps: Step[] = [];
  private current: vscode.QuickInput | undefined;

  /** Runs the flow from `start`; resolves true when it reached the end, false when the user cancelled. */
  static async run(start: Step): Promise<boolean> {
    return new MultiStepInput().stepThrough(start);
  }

  private async stepThrough(start: Step): Promise<boolean> {
    let step: Step | undefined = start;
    try {
      while (step !== undefined) {
        this.steps.push(step);
        this.current?.dispose();
        this.current = undefined;
        try {
          step = await step(this);
        } catch (signal) {
          if (signal === BACK) {
            this.steps.pop();
            step = this.steps.pop();
          } else if (signal === CANCEL) {
            return false;
          } else {
            throw signal;
          }
        }
      }
      return true;
    } finally {
      this.current?.dispose();
    }
  }

  /** A step may show more than one input (a pick, then a box): only the newest one stays alive. */
  private replaceCurrent(input: vscode.QuickInput): void {
    this.current?.dispose();
    this.current = input;
  }

  async showInputBox(options: InputBoxOptions): Promise<string> {
    const box = vscode.window.createInputBox();
    this.replaceCurrent(box);
    box.title = options.title;
    box.step = options.step;
    box.totalSteps = options.totalSteps;
    box.value = options.value;
    box.prompt = options.prompt;
    box.placeholder = options.placeholder;
    box.ignoreFocusOut = true;
    box.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    const showValidation = (value: string): void => {
      const message = options.validate(value);
      box.validationMessage = message === undefined ? undefined : { message, severity: vscode.InputBoxValidationSeverity.Error };
    };
    showValidation(options.value);
    return new Promise<string>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [
        box.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) reject(BACK);
        }),
        box.onDidChangeValue(showValidation),
        box.onDidAccept(() => {
          if (options.validate(box.value) !== undefined) return;
          box.enabled = false;
          resolve(box.value);
        }),
        box.onDidHide(() => reject(CANCEL)),
      ];
      box.onDidHide(() => disposables.forEach((d) => d.dispose()));
      box.show();
    });
  }

  async showQuickPick<T extends vscode.QuickPickItem>(options: QuickPickOptions<T>): Promise<T> {
    const pick = vscode.window.createQuickPick<T>();
    this.replaceCurrent(pick);
    pick.title = options.title;
    pick.step = options.step;
    pick.totalSteps = options.totalSteps;
    pick.items = options.items;
    pick.placeholder = options.placeholder;
    pick.ignoreFocusOut = true;
    if (options.active !== undefined) pick.activeItems = [options.active];
    pick.buttons = this.steps.length > 1 ? [vscode.QuickInputButtons.Back] : [];
    return new Promise<T>((resolve, reject) => {
      const disposables: vscode.Disposable[] = [
        pick.onDidTriggerButton((button) => {
          if (button === vscode.QuickInputButtons.Back) reject(BACK);
        }),
        pick.onDidAccept(() => {
          const chosen = pick.selectedItems[0] ?? pick.activeItems[0];
          if (chosen !== undefined) resolve(chosen);
        }),
        pick.onDidHide(() => reject(CANCEL)),
      ];
      pick.onDidHide(() => disposables.forEach((d) => d.dispose()));
      pick.show();
    });
  }
}
